using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Privacy.Contracts;
using Clinic.Modules.Privacy.Policies;
using FluentValidation;

namespace Clinic.Modules.Privacy.Features.PublishPolicy;

/// <summary>
/// The owner publishes a new version of the privacy or cookie policy. Versions are never edited: each publication is
/// kept, and one marked as a material change is emailed to the clinic's owners.
/// </summary>
internal static class PublishPolicy
{
    public const string Permission = "privacy.policies";
    public const string AuditAction = "privacy.policy.published";
    public const int MaxBody = 100_000;
    public const int MaxSummary = 500;

    public static string PathOf(PolicyKind kind) => $"/settings/policies/{PolicyVersions.Stored(kind)}";

    public static string PublicPathOf(PolicyKind kind) => kind == PolicyKind.Privacy ? "/privacy" : "/cookies";

    public static string Title(PolicyKind kind) => kind == PolicyKind.Privacy ? "Privacy policy" : "Cookie policy";

    /// <summary>The kind a route names, or null for anything else.</summary>
    public static PolicyKind? KindOf(string? route) => route switch
    {
        "privacy" => PolicyKind.Privacy,
        "cookies" => PolicyKind.Cookies,
        _ => null,
    };

    internal sealed class Request
    {
        /// <summary>privacy or cookies, from the route, never from the form.</summary>
        public string? Kind { get; set; }

        /// <summary>This site's address as the owner reached it, which the owners' email links to; set by the page.</summary>
        public string? PublicAddress { get; set; }

        public string? Body { get; set; }

        public bool MaterialChange { get; set; }

        public string? Summary { get; set; }

        /// <summary>
        /// The version the owner started from (0 for the shipped text); the new one is the next. Text, so a value that is
        /// not a number is refused rather than read as 0.
        /// </summary>
        public string? BasedOn { get; set; }

        public int BaseVersion => int.Parse(BasedOn!, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Body).NotEmpty().WithMessage("Enter the policy's text.").PlainText("Policy text", MaxBody)
                .Must(body => PolicyPlaceholders.Unknown(body ?? "") is null)
                .WithMessage((_, body) => $"Policy text uses {{{{{PolicyPlaceholders.Unknown(body!)}}}}}, which is not a placeholder policies offer. Use one of those listed.");
            RuleFor(r => r.Summary).SingleLine("What changed", MaxSummary);
            RuleFor(r => r.BasedOn).Must(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .WithMessage("The form is out of date; reload the page.");
            RuleFor(r => r.Summary).NotEmpty().When(r => r.MaterialChange)
                .WithMessage("Say in a sentence what changed: the owners' email quotes it.");
        }
    }

    /// <summary>The form's starting text and the version visitors see now, with its day in the clinic's calendar.</summary>
    internal sealed record Page(PolicyKind Kind, string Body, PolicyVersion? Latest, DateOnly? LatestOn)
    {
        public string BasedOn => (Latest?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What the owner's form starts from: the latest version's text, or the default; null for a kind no route names.</summary>
    internal sealed class Form(PolicyVersions versions)
    {
        public async Task<Page?> ReadAsync(string? route, CancellationToken ct)
        {
            if (KindOf(route) is not { } kind)
                return null;
            var latest = await versions.LatestAsync(kind, ct);
            var on = latest is null ? (DateOnly?)null : await versions.LocalDateAsync(latest.PublishedAt, ct);
            return new Page(kind, await versions.StartingTextAsync(kind, latest, ct), latest, on);
        }
    }

    /// <summary>
    /// Publishes the version after <see cref="Request.BaseVersion"/>, and answers its number. When that number is already
    /// taken, because someone published meanwhile or the form was sent twice, it is a conflict: nothing is overwritten
    /// or published twice.
    /// </summary>
    internal sealed class Handler(IStaffDirectory staff, AuditContext context, TimeProvider time) : ICommandHandler<Request, int>
    {
        public const string Taken =
            "Another version was published while you were editing, so yours was not. Your text is below: reload the page to see the latest, then publish again.";

        public async Task<Outcome<int>> HandleAsync(Request command, Change change)
        {
            if (KindOf(command.Kind) is not { } kind)
                return Outcome.NotFound;

            var latest = await change.Db.ExecuteScalarAsync<int>(
                "SELECT COALESCE(MAX(version), 0) FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND kind = @kind", new { kind = PolicyVersions.Stored(kind) });
            if (latest != command.BaseVersion)
                return Outcome.Conflict(Taken);

            var id = Guid.CreateVersion7();
            var version = latest + 1;
            var summary = string.IsNullOrWhiteSpace(command.Summary) ? null : command.Summary.Trim();
            var added = await change.Db.ExecuteAsync(
                """
                INSERT INTO privacy_policy_versions (id, tenant_id, kind, version, body, material_change, summary, published_at, published_by)
                VALUES (@id, @tenant_id, @kind, @version, @body, @material, @summary, @now, @by)
                ON CONFLICT (tenant_id, kind, version) DO NOTHING
                """,
                new
                {
                    id, kind = PolicyVersions.Stored(kind), version, body = command.Body, material = command.MaterialChange, summary,
                    now = time.GetUtcNow(), by = context.Actor?.Name ?? "",
                });
            if (added == 0)
                return Outcome.Conflict(Taken);

            var owners = (await staff.ActiveAsync(change.Cancellation)).Where(s => s.Role == Roles.Owner).Select(s => new PolicyReader(s.Name, s.Email)).ToList();
            change.Audit(new AuditEntry(AuditAction) { RecordId = id });
            change.Publish(new PolicyPublished(id, kind, version, command.MaterialChange, summary, command.PublicAddress + PublicPathOf(kind), owners));
            return version;
        }
    }
}

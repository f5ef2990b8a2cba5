using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
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

    internal sealed class Handler(TenantDb tenantDb, PolicyVersions versions, IStaffDirectory staff, AuditContext context, IAuditTrail audit, TimeProvider time)
    {
        public async Task<(string Body, PolicyVersion? Latest)> LoadAsync(PolicyKind kind, CancellationToken ct)
        {
            var latest = await versions.LatestAsync(kind, ct);
            return (await versions.StartingTextAsync(kind, latest, ct), latest);
        }

        /// <summary>
        /// Publishes the version after <see cref="Request.BaseVersion"/>; null when that number is already taken, because
        /// someone published meanwhile or the form was sent twice, so nothing is overwritten or published twice.
        /// </summary>
        public async Task<int?> PublishAsync(PolicyKind kind, Request request, string publicAddress, CancellationToken ct)
        {
            var owners = (await staff.ActiveAsync(ct)).Where(s => s.Role == Roles.Owner).Select(s => new PolicyReader(s.Name, s.Email)).ToList();
            await using var db = await tenantDb.BeginAsync(ct);
            var latest = await db.ExecuteScalarAsync<int>(
                "SELECT COALESCE(MAX(version), 0) FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND kind = @kind", new { kind = PolicyVersions.Stored(kind) });
            if (latest != request.BaseVersion)
                return null;

            var id = Guid.CreateVersion7();
            var version = latest + 1;
            var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
            var added = await db.ExecuteAsync(
                """
                INSERT INTO privacy_policy_versions (id, tenant_id, kind, version, body, material_change, summary, published_at, published_by)
                VALUES (@id, @tenant_id, @kind, @version, @body, @material, @summary, @now, @by)
                ON CONFLICT (tenant_id, kind, version) DO NOTHING
                """,
                new
                {
                    id, kind = PolicyVersions.Stored(kind), version, body = request.Body, material = request.MaterialChange, summary,
                    now = time.GetUtcNow(), by = context.Actor?.Name ?? "",
                });
            if (added == 0)
                return null;

            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = id });
            await db.PublishAsync(new PolicyPublished(id, kind, version, request.MaterialChange, summary, publicAddress + PublicPathOf(kind), owners));
            await db.CommitAsync();
            return version;
        }
    }
}

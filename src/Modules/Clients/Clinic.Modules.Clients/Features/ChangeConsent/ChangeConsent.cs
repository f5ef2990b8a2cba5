using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using FluentValidation;

namespace Clinic.Modules.Clients.Features.ChangeConsent;

/// <summary>
/// Reception records a client's yes or no to email, SMS or WhatsApp, and how it was given. Changes are appended,
/// never overwritten, so the history shows who could be contacted when.
/// </summary>
internal static class ChangeConsent
{
    public const string AuditAction = "clients.consent_changed";
    public static readonly (string Code, string Name)[] Channels = [("email", "Email"), ("sms", "SMS"), ("whatsapp", "WhatsApp")];
    public static readonly string[] Sources = ["In person", "Phone call", "Written form", "Email from the client"];

    internal sealed class Request
    {
        /// <summary>From the route, never from the form.</summary>
        public string? ClientId { get; set; }

        public string? Channel { get; set; }

        /// <summary>"yes" or "no".</summary>
        public string? Granted { get; set; }

        public string? Source { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Channel).Must(c => Channels.Any(x => x.Code == c)).WithMessage("Choose email, SMS or WhatsApp.");
            RuleFor(r => r.Granted).Must(g => g is "yes" or "no").WithMessage("Choose whether the client agrees.");
            RuleFor(r => r.Source).Must(s => s is not null && Sources.Contains(s, StringComparer.Ordinal))
                .WithMessage("Choose how the client told you.");
        }
    }

    internal sealed record Page(string Name, IReadOnlyList<ConsentLine> History);

    /// <summary>The client's consents, newest change first, or null for an unknown, malformed or other clinic's id; audited as a view.</summary>
    internal sealed class Form(UnitOfWork work, ConsentHistory history)
    {
        public async Task<Page?> ReadAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return null;

            var found = await work.ReadAsync(
                async change =>
                {
                    var name = await change.Db.QuerySingleOrDefaultAsync<string>(
                        "SELECT first_name || ' ' || last_name FROM clients_clients WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId });
                    if (name is null)
                        return default;

                    var rows = await ConsentHistory.ReadAsync(change.Db, clientId);
                    change.Audit(new AuditEntry(ClientProfile.ClientProfile.AuditAction) { ClientId = clientId });
                    return (Name: name, Rows: rows);
                },
                ct);
            return found.Name is null ? null : new Page(found.Name, await history.DescribeAsync(found.Rows, ct));
        }
    }

    /// <summary>Appends the change to the client's history; the answer is the client's id.</summary>
    internal sealed class Handler(AuditContext context, TimeProvider time) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            if (!Guid.TryParse(command.ClientId, out var clientId))
                return Outcome.NotFound;
            if (await change.Db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId }) == 0)
                return Outcome.NotFound;

            await change.Db.ExecuteAsync(
                """
                INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at, changed_by)
                VALUES (@id, @tenant_id, @clientId, @channel, @granted, @source, @now, @changedBy)
                """,
                new { id = Guid.CreateVersion7(), clientId, channel = command.Channel, granted = command.Granted == "yes", source = command.Source, now = time.GetUtcNow(), changedBy = context.Actor?.Id });
            change.Audit(new AuditEntry(AuditAction) { ClientId = clientId });
            return clientId;
        }
    }
}

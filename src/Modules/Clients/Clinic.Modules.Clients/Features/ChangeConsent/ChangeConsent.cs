using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
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

    internal sealed class Handler(TenantDb tenantDb, ConsentHistory history, AuditContext context, TimeProvider time, IAuditTrail audit)
    {
        /// <summary>The client's consents, newest change first, or null for an unknown, malformed or other clinic's id; audited as a view.</summary>
        public async Task<Page?> LoadAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return null;

            await using var db = await tenantDb.BeginAsync(ct);
            var name = await db.QuerySingleOrDefaultAsync<string>(
                "SELECT first_name || ' ' || last_name FROM clients_clients WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId });
            if (name is null)
                return null;

            var rows = await ConsentHistory.ReadAsync(db, clientId);
            await audit.RecordAsync(db, new AuditEntry(ClientProfile.ClientProfile.AuditAction) { ClientId = clientId });
            await db.CommitAsync();
            return new Page(name, await history.DescribeAsync(rows, ct));
        }

        /// <summary>Appends a change the validator accepted; false when there is no such client in this clinic.</summary>
        public async Task<bool> HandleAsync(string id, Request request, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return false;

            await using var db = await tenantDb.BeginAsync(ct);
            if (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId }) == 0)
                return false;

            await db.ExecuteAsync(
                """
                INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at, changed_by)
                VALUES (@id, @tenant_id, @clientId, @channel, @granted, @source, @now, @changedBy)
                """,
                new { id = Guid.CreateVersion7(), clientId, channel = request.Channel, granted = request.Granted == "yes", source = request.Source, now = time.GetUtcNow(), changedBy = context.Actor?.Id });
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { ClientId = clientId });
            await db.CommitAsync();
            return true;
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.MessageLog;

/// <summary>The clinic's messages, newest first: all of them, the dead letters (failed), or those kept unsent; or one client's.</summary>
internal static class MessageLog
{
    public const string Permission = "messages.read";
    public const string AuditAction = "messages.listed";
    public const int PageSize = 200;

    /// <summary>The filters the page offers, by their query value.</summary>
    public static readonly (string Value, string Label, string? Status)[] Filters =
    [
        ("", "All", null),
        ("failed", "Failed", Queue.MessageStatus.Failed),
        ("not-sent", "Not sent", Queue.MessageStatus.NotSent),
        ("queued", "Waiting", Queue.MessageStatus.Queued),
    ];

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public string Kind { get; init; } = "";

        public Guid? ClientId { get; init; }

        public string? Channel { get; init; }

        public string? Recipient { get; init; }

        public string Direction { get; init; } = "";

        public string Status { get; init; } = "";

        public string? StatusDetail { get; init; }

        public string KindName => MessageKinds.NameOf(Kind);
    }

    internal sealed record Page(IReadOnlyList<Row> Rows, TimeZoneInfo Zone);

    internal sealed class Handler(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IAuditTrail audit)
    {
        /// <summary>Null for an unknown filter. Listing is audited once, and for one client against that client.</summary>
        public async Task<Page?> HandleAsync(string? filter, Guid? clientId, CancellationToken ct)
        {
            if (Filters.FirstOrDefault(f => f.Value == (filter ?? "")) is not { Value: not null } chosen)
                return null;

            var clinic = await clinics.FindAsync(tenant.Required, ct);
            await using var db = await tenantDb.BeginAsync(ct);
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT id AS Id, created_at AS CreatedAt, kind AS Kind, client_id AS ClientId, channel AS Channel, recipient AS Recipient,
                    direction AS Direction, status AS Status, status_detail AS StatusDetail
                FROM messaging_messages
                WHERE tenant_id = @tenant_id
                    {(chosen.Status is null ? "" : "AND status = @status")}
                    {(clientId is null ? "" : "AND client_id = @clientId")}
                ORDER BY created_at DESC, id DESC
                LIMIT {PageSize}
                """,
                new { status = chosen.Status, clientId });
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { ClientId = clientId });
            await db.CommitAsync();
            return new Page(rows, clinic?.Zone ?? TimeZoneInfo.Utc);
        }
    }
}

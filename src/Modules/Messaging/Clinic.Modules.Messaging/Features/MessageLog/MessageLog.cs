using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Messaging.Features.MessageLog;

/// <summary>Messages sent and received, newest first.</summary>
internal static class MessageLog
{
    public const string Permission = "messages.read";
    public const int PageSize = 100;

    internal sealed class Row
    {
        public DateTimeOffset CreatedAt { get; init; }

        public string Channel { get; init; } = "";

        public string Direction { get; init; } = "";

        public string Status { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT created_at AS CreatedAt, channel AS Channel, direction AS Direction, status AS Status
                FROM messaging_messages
                WHERE tenant_id = @tenant_id
                ORDER BY created_at DESC
                LIMIT {PageSize}
                """);
            return rows;
        }
    }
}

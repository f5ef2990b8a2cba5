using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Privacy.Features.RequestList;

/// <summary>Clients' requests for their data or its deletion. Each must be answered within 30 days.</summary>
internal static class RequestList
{
    public const string Permission = "privacy.read";
    public const int PageSize = 100;

    internal sealed class Row
    {
        public DateTimeOffset ReceivedAt { get; init; }

        public string Kind { get; init; } = "";

        public DateTimeOffset DueAt { get; init; }

        public string Status { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT received_at AS ReceivedAt, kind AS Kind, due_at AS DueAt, status AS Status
                FROM privacy_requests
                WHERE tenant_id = @tenant_id
                ORDER BY due_at
                LIMIT {PageSize}
                """);
            return rows;
        }
    }
}

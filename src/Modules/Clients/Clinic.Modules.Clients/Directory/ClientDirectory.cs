using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Clients.Directory;

internal sealed class ClientDirectory(TenantDb tenantDb) : IClientDirectory
{
    // Not audited here: other modules look up names to label their own pages (the schedule, demo seeding at start-up),
    // and the trail records what a person opened, so the page that shows the names records the access.
    public async Task<IReadOnlyList<ClientSummary>> ListAsync(int limit, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var rows = await db.QueryAsync<Row>(
            """
            SELECT id AS Id, first_name AS FirstName, last_name AS LastName
            FROM clients_clients
            WHERE tenant_id = @tenant_id
            ORDER BY last_name, first_name
            LIMIT @limit
            """,
            new { limit });
        return [.. rows.Select(r => new ClientSummary(r.Id, $"{r.FirstName} {r.LastName}"))];
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";
    }
}

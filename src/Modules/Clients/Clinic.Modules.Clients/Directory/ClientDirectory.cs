using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Clients.Directory;

internal sealed class ClientDirectory(TenantDb tenantDb) : IClientDirectory
{
    public async Task<IReadOnlyList<ClientSummary>> ListAsync(int limit, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var clients = await db.QueryAsync<ClientSummary>(
            """
            SELECT id AS Id, first_name || ' ' || last_name AS Name
            FROM clients_clients
            WHERE tenant_id = @tenant_id
            ORDER BY last_name, first_name
            LIMIT @limit
            """,
            new { limit });
        return clients;
    }
}

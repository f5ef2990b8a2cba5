using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Tenants;

internal sealed class TenantDirectory(ClinicDatabase database) : ITenantDirectory
{
    private const string Columns = "t.id AS Id, t.name AS Name, t.time_zone AS TimeZone, t.currency AS Currency";

    public async Task<ClinicTenant?> FindByHostAsync(string host, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        return await db.QuerySingleOrDefaultAsync<ClinicTenant>(
            $"SELECT {Columns} FROM accounts_tenants t JOIN accounts_tenant_hosts h ON h.tenant_id = t.id WHERE h.host = @host",
            new { host = host.ToLowerInvariant() });
    }

    public async Task<ClinicTenant?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        return await db.QuerySingleOrDefaultAsync<ClinicTenant>($"SELECT {Columns} FROM accounts_tenants t WHERE t.id = @id", new { id });
    }

    public async Task<ClinicTenant?> SingleClinicAsync(CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        return (await db.QueryAsync<ClinicTenant>($"SELECT {Columns} FROM accounts_tenants t ORDER BY t.created_at LIMIT 1")).SingleOrDefault();
    }
}

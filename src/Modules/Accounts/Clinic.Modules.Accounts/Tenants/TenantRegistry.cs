using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Tenants;

/// <summary>Creates clinics: the single clinic on first run, or a SaaS clinic with its host names.</summary>
internal sealed class TenantRegistry(ClinicDatabase database, TimeProvider time)
{
    public const string DefaultTimeZone = "Asia/Karachi";
    public const string DefaultCurrency = "PKR";

    public async Task<ClinicTenant> CreateAsync(string name, IEnumerable<string> hosts, CancellationToken ct)
    {
        var tenant = new ClinicTenant(Guid.CreateVersion7(), name, DefaultTimeZone, DefaultCurrency);
        // In the new clinic's own transaction: a clinic may write only its own entry in the directory.
        await using var db = await database.BeginAsync(tenant.Id, write: true, ct);
        await db.ExecuteAsync(
            "INSERT INTO accounts_tenants (id, name, time_zone, currency, created_at) VALUES (@Id, @Name, @TimeZone, @Currency, @now)",
            new { tenant.Id, tenant.Name, tenant.TimeZone, tenant.Currency, now = time.GetUtcNow() });
        foreach (var host in hosts)
            await db.ExecuteAsync("INSERT INTO accounts_tenant_hosts (host, tenant_id) VALUES (@host, @id)", new { host = host.ToLowerInvariant(), id = tenant.Id });
        await db.CommitAsync();
        return tenant;
    }

    /// <summary>A new clinic at <paramref name="host"/>, or null when another clinic already has that host (nothing is stored).</summary>
    public async Task<ClinicTenant?> TryCreateAsync(string name, string host, CancellationToken ct)
    {
        var tenant = new ClinicTenant(Guid.CreateVersion7(), name, DefaultTimeZone, DefaultCurrency);
        await using var db = await database.BeginAsync(tenant.Id, write: true, ct);
        await db.ExecuteAsync(
            "INSERT INTO accounts_tenants (id, name, time_zone, currency, created_at) VALUES (@Id, @Name, @TimeZone, @Currency, @now)",
            new { tenant.Id, tenant.Name, tenant.TimeZone, tenant.Currency, now = time.GetUtcNow() });
        // Decided by the primary key, so two operators racing for one host cannot both get it.
        var claimed = await db.ExecuteAsync(
            "INSERT INTO accounts_tenant_hosts (host, tenant_id) VALUES (@host, @id) ON CONFLICT (host) DO NOTHING",
            new { host = host.ToLowerInvariant(), id = tenant.Id });
        if (claimed == 0)
            return null;
        await db.CommitAsync();
        return tenant;
    }
}

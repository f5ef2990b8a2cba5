using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Tenants;

internal sealed class TenantDirectory(ClinicDatabase database) : ITenantDirectory
{
    private const string Select =
        """
        SELECT t.id AS Id, t.name AS Name, t.time_zone AS TimeZone, t.currency AS Currency, t.created_at AS CreatedAt,
               (SELECT MIN(named.host) FROM accounts_tenant_hosts named WHERE named.tenant_id = t.id) AS Host
        FROM accounts_tenants t
        """;

    public Task<ClinicTenant?> FindByHostAsync(string host, CancellationToken ct) =>
        FirstAsync($"{Select} JOIN accounts_tenant_hosts h ON h.tenant_id = t.id WHERE h.host = @host", new { host = host.ToLowerInvariant() }, ct);

    public Task<ClinicTenant?> FindAsync(Guid id, CancellationToken ct) =>
        FirstAsync($"{Select} WHERE t.id = @id", new { id }, ct);

    public Task<ClinicTenant?> SingleClinicAsync(CancellationToken ct) =>
        FirstAsync($"{Select} ORDER BY t.created_at LIMIT 1", null, ct);

    public async Task<IReadOnlyList<ClinicTenant>> ListAsync(CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        var rows = await db.QueryAsync<Row>($"{Select} ORDER BY t.created_at", null);
        return [.. rows.Select(ToTenant)];
    }

    private async Task<ClinicTenant?> FirstAsync(string sql, object? parameters, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        var rows = await db.QueryAsync<Row>(sql, parameters);
        return rows.Count == 0 ? null : ToTenant(rows[0]);
    }

    private static ClinicTenant ToTenant(Row row) =>
        new(row.Id, row.Name, row.TimeZone, row.Currency.Trim()) { CreatedAt = row.CreatedAt, Host = row.Host };

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string TimeZone { get; init; } = "";

        public string Currency { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }

        public string? Host { get; init; }
    }
}

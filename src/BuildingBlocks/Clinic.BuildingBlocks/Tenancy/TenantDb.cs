using Clinic.BuildingBlocks.Data;

namespace Clinic.BuildingBlocks.Tenancy;

/// <summary>The database as the current clinic sees it: every transaction is bound to that tenant.</summary>
public sealed class TenantDb(ClinicDatabase database, ITenantContext tenant)
{
    public Task<DbSession> BeginAsync(CancellationToken ct) => database.BeginAsync(tenant.Required, write: true, ct);

    public Task<DbSession> ReadAsync(CancellationToken ct) => database.BeginAsync(tenant.Required, write: false, ct);
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Tenants;

/// <summary>
/// Scoped, unlike <see cref="TenantDirectory"/>: a change belongs to the request's clinic and is audited with the
/// person who made it.
/// </summary>
internal sealed class ClinicTimeZone(TenantDb tenantDb, ITenantContext tenant, IAuditTrail audit) : IClinicTimeZone
{
    public const string AuditAction = "clinic.time_zone_changed";

    public async Task<bool> ChangeAsync(string zone, CancellationToken ct)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            return false;

        await using var db = await tenantDb.BeginAsync(ct);
        var changed = await db.ExecuteAsync(
            "UPDATE accounts_tenants SET time_zone = @zone WHERE id = @tenant_id AND time_zone <> @zone", new { zone });
        if (changed > 0)
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = tenant.Required });
        await db.CommitAsync();
        return true;
    }
}

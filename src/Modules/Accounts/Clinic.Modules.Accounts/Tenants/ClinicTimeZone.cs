using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Tenants;

/// <summary>
/// Scoped, unlike <see cref="TenantDirectory"/>: a change belongs to the request's clinic and is audited with the
/// person who made it.
/// </summary>
internal sealed class ClinicTimeZone(UnitOfWork work, ITenantContext tenant) : IClinicTimeZone
{
    public const string AuditAction = "clinic.time_zone_changed";

    public async Task<bool> ChangeAsync(string zone, CancellationToken ct)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            return false;

        var outcome = await work.RunAsync<bool>(
            async change =>
            {
                var changed = await change.Db.ExecuteAsync(
                    "UPDATE accounts_tenants SET time_zone = @zone WHERE id = @tenant_id AND time_zone <> @zone", new { zone });
                if (changed > 0)
                    change.Audit(new AuditEntry(AuditAction) { RecordId = tenant.Required });
                return true;
            },
            ct);
        return outcome.Succeeded;
    }
}

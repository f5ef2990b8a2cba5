using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>The clinic's time zone: the audit trail stores UTC, and people read and filter it in clinic time.</summary>
internal static class ClinicZone
{
    public static async Task<TimeZoneInfo> OfAsync(ITenantDirectory clinics, Guid tenantId, CancellationToken ct)
    {
        var clinic = await clinics.FindAsync(tenantId, ct);
        return clinic?.Zone ?? TimeZoneInfo.Utc;
    }
}

using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Booking.Enquiries;

/// <summary>The current clinic's time zone, so staff read when an enquiry arrived in their own time.</summary>
internal sealed class ClinicZone(ITenantContext tenant, ITenantDirectory clinics)
{
    public async Task<TimeZoneInfo> FindAsync(CancellationToken ct)
    {
        var clinic = await clinics.FindAsync(tenant.Required, ct);
        return clinic?.Zone ?? TimeZoneInfo.Utc;
    }

    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

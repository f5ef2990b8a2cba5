using System.Globalization;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Host.Components.EventDelivery;

/// <summary>Shows the undelivered events' times in the clinic's own time zone, as its other pages do.</summary>
internal sealed class EventTimes(ITenantContext tenant, ITenantDirectory clinics)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public async Task LoadAsync(CancellationToken ct)
    {
        if (await clinics.FindAsync(tenant.Required, ct) is { } clinic)
            _zone = TimeZoneInfo.FindSystemTimeZoneById(clinic.TimeZone);
    }

    public string When(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, _zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}

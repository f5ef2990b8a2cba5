using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Clients.Features.AddClient;

/// <summary>Today in the clinic's time zone, which decides who is under 18; looked up once per request, however many rows an import validates.</summary>
internal sealed class ClinicToday(ITenantContext tenant, ITenantDirectory clinics, TimeProvider time)
{
    private DateOnly? _today;

    public async Task<DateOnly> GetAsync(CancellationToken ct)
    {
        if (_today is { } today)
            return today;

        var clinic = await clinics.FindAsync(tenant.Required, ct);
        var zone = clinic?.Zone ?? TimeZoneInfo.Utc;
        _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        return _today.Value;
    }
}

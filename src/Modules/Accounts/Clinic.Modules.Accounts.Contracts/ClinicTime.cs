using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// The current clinic's own time: its zone from its record in Accounts, now and today there. Scoped, so a request
/// looks the zone up once however many rows it shows; an unknown zone id reads as UTC rather than failing a page.
/// </summary>
public sealed class ClinicTime(ITenantContext tenant, ITenantDirectory clinics, TimeProvider time)
{
    private TimeZoneInfo? _zone;

    public async ValueTask<TimeZoneInfo> ZoneAsync(CancellationToken ct) =>
        _zone ??= (await clinics.FindAsync(tenant.Required, ct))?.Zone ?? TimeZoneInfo.Utc;

    /// <summary>This moment on the clinic's wall clock.</summary>
    public async ValueTask<DateTimeOffset> NowAsync(CancellationToken ct) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), await ZoneAsync(ct));

    public async ValueTask<DateOnly> TodayAsync(CancellationToken ct) => DateOnly.FromDateTime((await NowAsync(ct)).DateTime);

    /// <summary>An instant stored in UTC, as the clinic's wall clock showed it.</summary>
    public async ValueTask<DateTimeOffset> LocalAsync(DateTimeOffset instant, CancellationToken ct) => TimeZoneInfo.ConvertTime(instant, await ZoneAsync(ct));
}

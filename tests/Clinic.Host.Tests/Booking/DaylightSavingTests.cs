using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>
/// A clinic in Europe/London keeps its 09:00 opening across the clock changes of 31 March and 27 October 2030: the
/// instants move by an hour and carry the day's offset, and the hour skipped in spring offers no slots.
/// </summary>
public abstract class DaylightSavingTests(BookingClinic clinic)
{
    private static readonly DateOnly SpringForward = new(2030, 3, 31), FallBack = new(2030, 10, 27);

    [Fact]
    public async Task Nine_oclock_in_London_is_0900_UTC_in_winter_and_0800_UTC_in_summer()
    {
        var (provider, service) = await LondonAsync(new TimeOnly(9, 0), new TimeOnly(10, 0));

        var spring = await clinic.App.SlotsAsync(service, provider, SpringForward.AddDays(-1), SpringForward);
        var autumn = await clinic.App.SlotsAsync(service, provider, FallBack.AddDays(-1), FallBack);

        Assert.Equal(At(SpringForward.AddDays(-1), 9, 0), spring[0].StartsAt);
        Assert.Equal(TimeSpan.Zero, spring[0].StartsAt.Offset);
        var summer = Assert.Single(spring, s => s.StartsAt.Date == SpringForward.ToDateTime(TimeOnly.MinValue) && s.StartsAt.Hour == 9 && s.StartsAt.Minute == 0);
        Assert.Equal(TimeSpan.FromHours(1), summer.StartsAt.Offset);
        Assert.Equal(At(SpringForward, 8, 0), summer.StartsAt.ToUniversalTime());
        Assert.Equal(At(FallBack.AddDays(-1), 8, 0), autumn[0].StartsAt.ToUniversalTime());
        Assert.Equal(At(FallBack, 9, 0), autumn.Single(s => s.StartsAt.Day == FallBack.Day && s.StartsAt.Hour == 9 && s.StartsAt.Minute == 0).StartsAt.ToUniversalTime());
    }

    [Fact]
    public async Task The_hour_skipped_when_clocks_go_forward_offers_no_slots()
    {
        var (provider, service) = await LondonAsync(new TimeOnly(0, 0), new TimeOnly(4, 0));

        var times = (await clinic.App.SlotsAsync(service, provider, SpringForward, SpringForward)).Times(SpringForward);

        // 00:00–04:00 local is three real hours that night: 01:00–02:00 does not exist.
        Assert.Equal(["00:00", "00:30", "02:00", "02:30", "03:00", "03:30"], times);
    }

    [Fact]
    public async Task Staff_booking_at_nine_on_the_day_clocks_go_forward_stores_0800_UTC()
    {
        var (provider, service) = await LondonAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        using var reception = await clinic.ReceptionAsync();
        var client = await clinic.App.AddBookableClientAsync();

        var id = await reception.BookedAsync(client, service, provider, new DateTimeOffset(SpringForward.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1)));

        var stored = await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<DateTimeOffset>("SELECT starts_at FROM booking_appointments WHERE id = @id AND tenant_id = @tenant_id", new { id }));
        Assert.Equal(At(SpringForward, 8, 0), stored.ToUniversalTime());
    }

    [Fact]
    public async Task A_late_shift_on_the_night_clocks_go_forward_offers_hour_long_starts_across_midnight_in_real_hours()
    {
        // Every night 22:00–24:00 and 00:00–03:00: one shift from 22:00 to 03:00.
        var (provider, _) = await LondonAsync(new TimeOnly(22, 0), TimeOnly.MinValue);
        foreach (var weekday in Enum.GetValues<DayOfWeek>())
            await clinic.App.AddHoursAsync(provider, weekday, TimeOnly.MinValue, new TimeOnly(3, 0));
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        var saturday = SpringForward.AddDays(-1);

        var slots = await clinic.App.SlotsAsync(service, provider, saturday, SpringForward);

        Assert.Equal(["00:00", "00:30", "01:00", "01:30", "02:00", "22:00", "22:30", "23:00", "23:30"], slots.Times(saturday));
        // 00:30 for an hour ends at 02:30, clocks having skipped 01:00–02:00; 02:30 would end at 03:30, after the shift.
        Assert.Equal(["00:00", "00:30", "02:00", "22:00", "22:30", "23:00", "23:30"], slots.Times(SpringForward));
        Assert.Equal(At(saturday, 23, 30), slots.Single(s => s.StartsAt.Day == saturday.Day && s.StartsAt.Hour == 23 && s.StartsAt.Minute == 30).StartsAt.ToUniversalTime());
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private async Task<(Guid Provider, Guid Service)> LondonAsync(TimeOnly from, TimeOnly to)
    {
        await clinic.App.SetTimeZoneAsync("Europe/London");
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO booking_settings (tenant_id, horizon_days, min_notice_minutes, slot_minutes, cancellation_notice_hours, cancellation_policy,
                policy_version, online_auto_confirm, hold_minutes, updated_at)
            VALUES (@tenant_id, 730, 0, 30, 24, 'Give a day''s notice.', 1, TRUE, 10, @now)
            ON CONFLICT (tenant_id) DO NOTHING
            """,
            new { now = clinic.Clock.GetUtcNow() }));
        var provider = await clinic.App.AddProviderAsync(from, to);
        return (provider, await clinic.App.AddServiceAsync([provider], minutes: 30));
    }
}

public sealed class DaylightSavingTests_on_Sqlite(LondonClinicOnSqlite clinic) : DaylightSavingTests(clinic), IClassFixture<LondonClinicOnSqlite>;

public sealed class DaylightSavingTests_on_Postgres(LondonClinicOnPostgres clinic) : DaylightSavingTests(clinic), IClassFixture<LondonClinicOnPostgres>;

/// <summary>Its own database: a clinic whose time zone is changed must not share one with Karachi's tests.</summary>
public sealed class LondonClinicOnSqlite() : BookingClinic(DatabaseProvider.Sqlite);

public sealed class LondonClinicOnPostgres() : BookingClinic(DatabaseProvider.Postgres);

using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>The availability engine in the clinic's default zone, Asia/Karachi (UTC+5 all year).</summary>
public abstract class AvailabilityTests(BookingClinic clinic)
{
    private static readonly TimeOnly Nine = new(9, 0), Noon = new(12, 0);

    [Fact]
    public async Task Slots_sit_on_the_grid_inside_working_hours_as_instants_with_the_clinics_offset()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Noon);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        var day = Day(5);

        var slots = await clinic.App.SlotsAsync(service, provider, day, day);

        Assert.Equal(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00"], slots.Times(day));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(5), s.StartsAt.Offset));
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero), slots[0].StartsAt.ToUniversalTime());
    }

    [Fact]
    public async Task An_appointment_and_its_buffers_take_the_slots_that_would_overlap_them()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Noon);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 30, bufferBefore: 15, bufferAfter: 15);
        using var reception = await clinic.ReceptionAsync();
        var day = Day(6);
        await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(6, 10));

        var times = (await clinic.App.SlotsAsync(service, provider, day, day)).Times(day);

        // Taken 09:45–10:45 with its buffers; a new one's own buffers may touch that, not overlap it.
        Assert.Equal(["09:00", "11:00", "11:15", "11:30"], times);
    }

    [Fact]
    public async Task Time_off_extra_hours_and_closures_change_the_days_slots()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Noon);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        await clinic.App.AddExceptionAsync(provider, Day(7), off: true);
        await clinic.App.AddExceptionAsync(provider, Day(8), off: true, new TimeOnly(10, 0), new TimeOnly(11, 0));
        await clinic.App.AddExceptionAsync(provider, Day(9), off: false, new TimeOnly(18, 0), new TimeOnly(19, 0));

        var slots = await clinic.App.SlotsAsync(service, provider, Day(7), Day(9));

        Assert.Empty(slots.Times(Day(7)));
        Assert.Equal(["09:00", "11:00"], slots.Times(Day(8)));
        Assert.Equal(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "18:00"], slots.Times(Day(9)));
    }

    [Fact]
    public async Task A_closed_clinic_has_no_slots_for_anyone()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Noon);
        var service = await clinic.App.AddServiceAsync([provider]);
        await clinic.App.AddClosureAsync(Day(45), Day(46));

        var slots = await clinic.App.SlotsAsync(service, null, Day(44), Day(47));

        Assert.NotEmpty(slots.Times(Day(44)));
        Assert.Empty(slots.Times(Day(45)));
        Assert.Empty(slots.Times(Day(46)));
        Assert.NotEmpty(slots.Times(Day(47)));
    }

    [Fact]
    public async Task The_only_room_of_a_type_taken_by_one_provider_is_not_offered_through_another()
    {
        var type = $"Laser room {Guid.NewGuid():N}";
        await clinic.App.AddRoomAsync(type);
        var first = await clinic.App.AddProviderAsync(Nine, Noon);
        var second = await clinic.App.AddProviderAsync(Nine, Noon);
        var service = await clinic.App.AddServiceAsync([first, second], minutes: 60, resourceType: type);
        using var reception = await clinic.ReceptionAsync();
        await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, first, clinic.KarachiDay(10, 10));

        var times = (await clinic.App.SlotsAsync(service, second, Day(10), Day(10))).Times(Day(10));

        Assert.Equal(["09:00", "11:00"], times);
    }

    [Fact]
    public async Task Any_provider_offers_a_time_when_either_is_free_and_names_who()
    {
        var busy = await clinic.App.AddProviderAsync(Nine, Noon);
        var free = await clinic.App.AddProviderAsync(Nine, Noon);
        var service = await clinic.App.AddServiceAsync([busy, free], minutes: 60);
        using var reception = await clinic.ReceptionAsync();
        await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, busy, clinic.KarachiDay(11, 10));

        var slots = await clinic.App.SlotsAsync(service, null, Day(11), Day(11));

        var ten = Assert.Single(slots, s => s.StartsAt == clinic.KarachiDay(11, 10));
        Assert.Equal(free, ten.ProviderId);
    }

    [Fact]
    public async Task Minimum_notice_and_the_booking_horizon_bound_what_clients_are_offered()
    {
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        var now = clinic.Clock.GetUtcNow();
        var today = Day(0);

        var slots = await clinic.App.SlotsAsync(service, provider, today, today.AddDays(70));

        // Defaults: two hours' notice and 60 days ahead.
        Assert.True(slots[0].StartsAt >= now.AddHours(2) && slots[0].StartsAt < now.AddHours(2).AddMinutes(15), $"first slot {slots[0].StartsAt:O} for now {now:O}");
        Assert.Equal(today.AddDays(60), DateOnly.FromDateTime(slots[^1].StartsAt.DateTime));
    }

    private DateOnly Day(int days) => DateOnly.FromDateTime(clinic.KarachiDay(days, 0).Date);
}

public sealed class AvailabilityTests_on_Sqlite(BookingClinicOnSqlite clinic) : AvailabilityTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class AvailabilityTests_on_Postgres(BookingClinicOnPostgres clinic) : AvailabilityTests(clinic), IClassFixture<BookingClinicOnPostgres>;

using System.Net;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>
/// A late clinic: hours that run to midnight and go on from midnight the next day are one stretch of work, so an
/// appointment may cross midnight; one that would run past the end of the provider's hours is refused, saying so.
/// </summary>
public abstract class LateClinicTests(BookingClinic clinic)
{
    private static readonly TimeOnly Midnight = TimeOnly.MinValue, Two = new(2, 0), Six = new(18, 0);

    [Fact]
    public async Task Hours_that_go_on_past_midnight_offer_starts_that_cross_it()
    {
        var provider = await LateProviderAsync();
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        var day = Day(5);

        var times = (await clinic.App.SlotsAsync(service, provider, day, day)).Times(day);

        Assert.Equal(["00:00", "00:15", "00:30", "00:45", "01:00"], times.Take(5));
        Assert.Equal(["23:00", "23:15", "23:30", "23:45"], times.TakeLast(4));
        Assert.DoesNotContain("01:15", times);
    }

    [Fact]
    public async Task Late_in_the_evening_the_first_time_offered_is_two_hours_ahead_even_when_it_crosses_midnight()
    {
        var now = clinic.Clock.GetUtcNow().ToOffset(BookingForms.Karachi);
        var evening = new DateTimeOffset(now.Date.AddHours(21).AddMinutes(40), BookingForms.Karachi);
        clinic.SetNow(evening > now ? evening : evening.AddDays(1));
        var provider = await clinic.App.AddProviderAsync(Midnight, Midnight);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);

        var slots = await clinic.App.SlotsAsync(service, provider, Day(0), Day(1));

        // Two hours' notice from 21:40 is 23:40; the next start on the grid is 23:45, ending at 00:45.
        Assert.Equal(clinic.KarachiDay(0, 23, 45), slots[0].StartsAt);
    }

    [Fact]
    public async Task Staff_book_half_past_eleven_for_an_hour_and_the_next_mornings_first_half_hour_is_taken()
    {
        var provider = await LateProviderAsync();
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        using var reception = await clinic.ReceptionAsync();

        var id = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(6, 23, 30));
        var clash = await reception.BookAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(7, 0, 15));
        var nextMorning = (await clinic.App.SlotsAsync(service, provider, Day(7), Day(7))).Times(Day(7));
        var (_, nextDay) = await reception.GetPageAsync($"/schedule?date={Day(7):yyyy-MM-dd}");

        var booked = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentBooked>(id));
        Assert.Equal(clinic.KarachiDay(7, 0, 30), booked.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(["00:30", "00:45", "01:00"], nextMorning.Take(3));
        // The next day's view shows the appointment still running in its first rows, not free time to book.
        Assert.NotNull(nextDay.QuerySelector($"td.booked a[href='/appointments/{id}']"));
    }

    [Fact]
    public async Task Staff_give_an_end_time_after_midnight_and_the_appointment_ends_the_next_morning()
    {
        var provider = await LateProviderAsync();
        var service = await clinic.App.AddServiceAsync([provider], minutes: 30);
        using var reception = await clinic.ReceptionAsync();

        var response = await reception.BookAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(8, 23, 0), endTime: "00:30");

        Assert.True(response.IsRedirect(), $"booking answered {(int)response.StatusCode}");
        var id = Guid.Parse(response.RedirectTarget().AbsolutePath.Split('/')[^1]);
        var booked = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentBooked>(id));
        Assert.Equal(clinic.KarachiDay(9, 0, 30), booked.GetProperty("endsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Staff_booking_that_would_run_past_the_end_of_the_providers_hours_is_refused_saying_so()
    {
        var provider = await clinic.App.AddProviderAsync(Six, Midnight);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 60);
        using var reception = await clinic.ReceptionAsync();
        var client = await clinic.App.AddBookableClientAsync();

        var refused = await reception.BookAsync(client, service, provider, clinic.KarachiDay(10, 23, 30));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("run past the end of the provider's working hours", (await refused.PageAsync()).FieldError("time"), StringComparison.Ordinal);
        Assert.Equal(0, await clinic.App.AppointmentCountAsync(client));
    }

    [Fact]
    public async Task The_day_view_of_a_clinic_open_until_midnight_runs_to_midnight()
    {
        await clinic.App.AddProviderAsync(Six, Midnight);
        using var reception = await clinic.ReceptionAsync();

        var (_, page) = await reception.GetPageAsync($"/schedule?date={Day(11):yyyy-MM-dd}");

        Assert.Contains("23:30", page.QuerySelectorAll("th.calendar-time").Select(th => th.TextContent.Trim()));
    }

    /// <summary>A clinician who works 18:00 to 02:00 every night: 18:00–24:00 and 00:00–02:00 on each day.</summary>
    private async Task<Guid> LateProviderAsync()
    {
        var provider = await clinic.App.AddProviderAsync(Six, Midnight);
        foreach (var weekday in Enum.GetValues<DayOfWeek>())
            await clinic.App.AddHoursAsync(provider, weekday, Midnight, Two);
        return provider;
    }

    private DateOnly Day(int days) => DateOnly.FromDateTime(clinic.KarachiDay(days, 0).Date);
}

public sealed class LateClinicTests_on_Sqlite(BookingClinicOnSqlite clinic) : LateClinicTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class LateClinicTests_on_Postgres(BookingClinicOnPostgres clinic) : LateClinicTests(clinic), IClassFixture<BookingClinicOnPostgres>;

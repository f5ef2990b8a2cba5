using System.Net;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Cookies;

/// <summary>The schedule remembers day or week view in a preference cookie, and only with preference consent.</summary>
public abstract class CalendarViewPreferenceTests(BookingClinic clinic)
{
    private const string Cookie = "clinic.calendar_view";
    private static readonly TimeOnly Nine = new(9, 0), Five = new(17, 0);

    [Fact]
    public async Task Without_preference_consent_the_week_view_sets_no_cookie_and_the_schedule_opens_on_the_day()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        using var reception = await clinic.ReceptionAsync();
        await reception.ChooseAsync("custom", "analytics");

        var week = await reception.Http.GetAsync($"/schedule/week?provider={provider}");
        var schedule = await reception.Http.GetAsync("/schedule");

        Assert.Equal(HttpStatusCode.OK, week.StatusCode);
        Assert.False(week.SetsCookie(Cookie));
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
    }

    [Fact]
    public async Task With_preference_consent_the_schedule_opens_on_the_week_last_shown_until_the_day_view_is_chosen()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        using var reception = await clinic.ReceptionAsync();
        await reception.ChooseAsync("custom", "preferences");

        var week = await reception.Http.GetAsync($"/schedule/week?provider={provider}");
        var reopened = await reception.Http.GetAsync("/schedule");
        var day = await reception.Http.GetAsync("/schedule?date=2030-01-07");
        var afterDay = await reception.Http.GetAsync("/schedule");

        Assert.True(week.SetsCookie(Cookie));
        Assert.True(reopened.IsRedirect());
        Assert.Equal($"/schedule/week?provider={provider}", reopened.RedirectTarget().PathAndQuery);
        Assert.True(day.SetsCookie(Cookie));
        Assert.Equal(HttpStatusCode.OK, afterDay.StatusCode);
    }

    [Fact]
    public async Task Withdrawing_preference_consent_deletes_the_cookie_and_the_schedule_forgets_the_week()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        using var reception = await clinic.ReceptionAsync();
        await reception.ChooseAsync("accept");
        await reception.Http.GetAsync($"/schedule/week?provider={provider}");

        var withdrawn = await reception.ChooseAsync("reject");
        var schedule = await reception.Http.GetAsync("/schedule");

        Assert.True(withdrawn.Expires(Cookie));
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
    }
}

public sealed class CalendarViewPreferenceTests_on_Sqlite(BookingClinicOnSqlite clinic) : CalendarViewPreferenceTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class CalendarViewPreferenceTests_on_Postgres(BookingClinicOnPostgres clinic) : CalendarViewPreferenceTests(clinic), IClassFixture<BookingClinicOnPostgres>;

using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking.Setup;

/// <summary>The owner gives providers weekly hours, time off and extra hours, and closes the clinic on holidays.</summary>
public abstract class ScheduleSetupTests(BookingClinic fixture)
{
    [Fact]
    public async Task Overlapping_weekly_intervals_are_refused_while_touching_ones_and_other_days_are_kept()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();

        var morning = await owner.AddHoursAsync(provider, DayOfWeek.Tuesday, "09:00", "13:00");
        var overlapping = await owner.AddHoursAsync(provider, DayOfWeek.Tuesday, "12:00", "15:00");
        var overlappingPage = await overlapping.PageAsync();
        var afternoon = await owner.AddHoursAsync(provider, DayOfWeek.Tuesday, "13:00", "17:00");
        var otherDay = await owner.AddHoursAsync(provider, DayOfWeek.Wednesday, "12:00", "15:00");
        var (_, page) = await owner.GetPageAsync($"/booking-setup/schedules/{provider}");

        Assert.True(morning.IsRedirect() && afternoon.IsRedirect() && otherDay.IsRedirect());
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("09:00–13:00", overlappingPage.FieldError("hours-from"), StringComparison.Ordinal);
        Assert.Equal(
            ["Tuesday 09:00 13:00", "Tuesday 13:00 17:00", "Wednesday 12:00 15:00"],
            page.QuerySelectorAll("table.weekly-hours tbody tr").Select(r => string.Join(' ', r.QuerySelectorAll("td").Take(3).Select(c => c.TextContent.Trim()))));
        Assert.Equal(3, await HoursCountAsync(provider));
    }

    [Theory]
    [InlineData("09:03", "12:00", "hours-from")]
    [InlineData("12:00", "09:00", "hours-to")]
    [InlineData("12:00", "12:00", "hours-to")]
    [InlineData("noon", "13:00", "hours-from")]
    [InlineData("09:00", "25:00", "hours-to")]
    public async Task Weekly_hours_off_the_five_minute_grid_or_ending_before_they_start_are_refused(string from, string to, string field)
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();

        var response = await owner.AddHoursAsync(provider, DayOfWeek.Monday, from, to);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.PageAsync()).FieldError(field)));
        Assert.Equal(0, await HoursCountAsync(provider));
    }

    [Fact]
    public async Task Removing_an_interval_is_audited_and_another_provider_s_interval_cannot_be_removed_through_this_page()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();
        var colleague = await fixture.App.AddClinicianAsync();
        await owner.AddHoursAsync(provider, DayOfWeek.Friday, "10:00", "14:00");
        await owner.AddHoursAsync(colleague, DayOfWeek.Friday, "10:00", "14:00");
        var theirs = await IntervalAsync(colleague);
        var mine = await IntervalAsync(provider);

        var crossed = await owner.SubmitAsync($"/booking-setup/schedules/{provider}", StaffForms.Fields(("RemoveHours.Id", theirs.ToString())), "form.remove-hours");
        HttpResponseMessage removed = null!;
        var audit = await fixture.App.RecordedDuringAsync(async () =>
            removed = await owner.SubmitAsync($"/booking-setup/schedules/{provider}", StaffForms.Fields(("RemoveHours.Id", mine.ToString())), "form.remove-hours"));

        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.Equal(1, await HoursCountAsync(colleague));
        Assert.True(removed.IsRedirect());
        Assert.Equal(0, await HoursCountAsync(provider));
        Assert.Contains(audit, e => e.Action == "booking.hours.removed" && e.RecordId == mine);
    }

    [Fact]
    public async Task Time_off_and_extra_hours_change_what_reception_can_book_and_past_changes_cannot_be_removed()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();
        var service = await fixture.App.AddServiceAsync([provider], minutes: 30);
        await owner.AddHoursAsync(provider, DayOfWeek.Thursday, "10:00", "14:00");

        var allDay = await owner.AddTimeOffAsync(provider, "2030-03-07", "off-day", note: "Conference");
        var extra = await owner.AddTimeOffAsync(provider, "2030-03-14", "extra", "17:00", "19:00");
        var past = await owner.AddTimeOffAsync(provider, "2030-02-28", "off-day");
        var backwards = await owner.AddTimeOffAsync(provider, "2030-03-21", "off", "15:00", "14:00");
        await fixture.App.AddExceptionAsync(provider, new DateOnly(2030, 3, 1), off: true);
        var (_, page) = await owner.GetPageAsync($"/booking-setup/schedules/{provider}");
        using var reception = await fixture.ReceptionAsync();
        var client = await fixture.App.AddBookableClientAsync();
        var onLeave = await BookAsync(reception, client, service, provider, "2030-03-07", "11:00");
        var inExtraHours = await BookAsync(reception, client, service, provider, "2030-03-14", "17:30");
        var pastRow = page.QuerySelectorAll("table.exceptions tbody tr").Single(r => r.TextContent.Contains("Fri 1 Mar 2030", StringComparison.Ordinal));

        Assert.True(allDay.IsRedirect() && extra.IsRedirect());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.False(string.IsNullOrEmpty((await past.PageAsync()).FieldError("exception-date")));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.False(string.IsNullOrEmpty((await backwards.PageAsync()).FieldError("exception-to")));
        Assert.Contains("Past", pastRow.TextContent, StringComparison.Ordinal);
        Assert.Null(pastRow.QuerySelector("button"));
        Assert.False(onLeave.IsRedirect(), "a booking on a day off must be refused");
        Assert.True(inExtraHours.IsRedirect(), $"a booking in extra hours answered {(int)inExtraHours.StatusCode}");
        var pastId = await fixture.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM booking_schedule_exceptions WHERE tenant_id = @tenant_id AND provider_id = @provider AND on_date < @today", new { provider, today = new DateOnly(2030, 3, 4) }));
        var removePast = await owner.SubmitAsync($"/booking-setup/schedules/{provider}", StaffForms.Fields(("RemoveException.Id", pastId.ToString())), "form.remove-exception");
        Assert.Equal(HttpStatusCode.NotFound, removePast.StatusCode);
        Assert.Equal(3, await fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_schedule_exceptions WHERE tenant_id = @tenant_id AND provider_id = @provider", new { provider })));
    }

    [Fact]
    public async Task A_clinic_closure_is_audited_and_refuses_bookings_on_those_days()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();
        var service = await fixture.App.AddServiceAsync([provider], minutes: 30);
        await owner.AddHoursAsync(provider, DayOfWeek.Saturday, "10:00", "14:00");
        HttpResponseMessage added = null!;

        var audit = await fixture.App.RecordedDuringAsync(async () => added = await owner.SubmitAsync(
            "/booking-setup/schedules",
            StaffForms.Fields(("Input.FromDate", "2030-04-06"), ("Input.ToDate", "2030-04-07"), ("Input.Reason", "Spring holiday")),
            "form.add-closure"));
        var backwards = await owner.SubmitAsync(
            "/booking-setup/schedules",
            StaffForms.Fields(("Input.FromDate", "2030-04-13"), ("Input.ToDate", "2030-04-12"), ("Input.Reason", "Oops")),
            "form.add-closure");
        var (_, page) = await owner.GetPageAsync("/booking-setup/schedules");
        using var reception = await fixture.ReceptionAsync();
        var client = await fixture.App.AddBookableClientAsync();
        var closed = await BookAsync(reception, client, service, provider, "2030-04-06", "11:00");
        var open = await BookAsync(reception, client, service, provider, "2030-04-13", "11:00");

        Assert.True(added.IsRedirect());
        Assert.Contains(audit, e => e.Action == "booking.closure.added" && e.RecordId is not null);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.False(string.IsNullOrEmpty((await backwards.PageAsync()).FieldError("closure-to")));
        Assert.Contains("Spring holiday", page.QuerySelector("table.closures")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Oops", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(closed.IsRedirect(), "a booking on a closed day must be refused");
        Assert.True(open.IsRedirect(), $"a booking on an open day answered {(int)open.StatusCode}");
    }

    private static Task<HttpResponseMessage> BookAsync(Clinic.Testing.ClinicClient reception, Guid client, Guid service, Guid provider, string date, string time) =>
        reception.SubmitAsync(
            $"/appointments/new?clientId={client}",
            StaffForms.Fields(("Input.ServiceId", service.ToString()), ("Input.ProviderId", provider.ToString()), ("Input.Date", date), ("Input.Time", time)),
            "form.book-appointment");

    private Task<long> HoursCountAsync(Guid provider) =>
        fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_weekly_hours WHERE tenant_id = @tenant_id AND provider_id = @provider", new { provider }));

    private Task<Guid> IntervalAsync(Guid provider) =>
        fixture.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM booking_weekly_hours WHERE tenant_id = @tenant_id AND provider_id = @provider", new { provider }));
}

public sealed class ScheduleSetupTests_on_Sqlite(BookingClinicOnSqlite fixture) : ScheduleSetupTests(fixture), IClassFixture<BookingClinicOnSqlite>;

public sealed class ScheduleSetupTests_on_Postgres(BookingClinicOnPostgres fixture) : ScheduleSetupTests(fixture), IClassFixture<BookingClinicOnPostgres>;

using System.Net;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>One state table allows or refuses every change; each change is recorded with who and when, and published.</summary>
public abstract class AppointmentLifecycleTests(BookingClinic clinic)
{
    [Fact]
    public async Task Reception_checks_a_client_in_and_the_clinician_completes_the_treatment()
    {
        var (reception, id) = await BookTodayAsync();
        using (reception)
        {
            Assert.True((await reception.ChangeStatusAsync(id, "CheckIn")).IsRedirect());
            Assert.True((await reception.ChangeStatusAsync(id, "Start")).IsRedirect());
            Assert.True((await reception.ChangeStatusAsync(id, "Complete")).IsRedirect());
        }

        Assert.Equal("Completed", await clinic.App.StatusOfAsync(id));
        var completed = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentCompleted>(id));
        Assert.Equal(15000m, completed.GetProperty("price").GetDecimal());
        var history = await clinic.App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT to_status FROM booking_appointment_changes WHERE appointment_id = @id AND tenant_id = @tenant_id ORDER BY changed_at, id", new { id }));
        Assert.Equal(["Confirmed", "CheckedIn", "InProgress", "Completed"], history);
    }

    [Fact]
    public async Task The_state_table_refuses_completing_an_appointment_that_has_not_started()
    {
        var (reception, id) = await BookTodayAsync();
        using (reception)
        {
            var (_, page) = await reception.GetPageAsync($"/appointments/{id}");
            var forged = await reception.SubmitAsync($"/appointments/{id}", new Dictionary<string, string>(StringComparer.Ordinal) { ["Status.Action"] = "Complete" }, "form.inline-actions");

            Assert.Null(page.QuerySelector("button[value='Complete']"));
            Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
            Assert.Contains("cannot be changed that way", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(id));
        Assert.Empty(await clinic.App.BookingEventsAsync<AppointmentCompleted>(id));
    }

    [Fact]
    public async Task A_no_show_can_be_marked_only_once_the_appointment_has_started()
    {
        var (reception, id) = await BookTodayAsync(hoursAhead: 3);
        using (reception)
        {
            var early = await reception.ChangeStatusAsync(id, "MarkNoShow");
            clinic.Clock.Advance(TimeSpan.FromHours(3.5));
            // Signed in again: the idle session ended while the clock moved on.
            using var afterwards = await clinic.ReceptionAsync();
            var late = await afterwards.ChangeStatusAsync(id, "MarkNoShow");

            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.True(late.IsRedirect(), $"answered {(int)late.StatusCode}");
        }

        Assert.Equal("NoShow", await clinic.App.StatusOfAsync(id));
        Assert.Single(await clinic.App.BookingEventsAsync<AppointmentNoShow>(id));
    }

    [Fact]
    public async Task The_appointment_page_offers_check_in_only_on_the_day_and_a_no_show_only_once_started_set_apart_from_it()
    {
        var (reception, id) = await BookTodayAsync(daysAhead: 2, hour: 10);
        IHtmlDocument before;
        using (reception)
            (_, before) = await reception.GetPageAsync($"/appointments/{id}");
        clinic.SetNow(clinic.KarachiDay(2, 9));
        // Signed in again each time: the idle session ends while the clock moves on.
        IHtmlDocument onTheDay;
        using (var morning = await clinic.ReceptionAsync())
            (_, onTheDay) = await morning.GetPageAsync($"/appointments/{id}");
        clinic.Clock.Advance(TimeSpan.FromMinutes(90));
        using var late = await clinic.ReceptionAsync();
        var (_, started) = await late.GetPageAsync($"/appointments/{id}");
        var noShow = await late.ChangeStatusAsync(id, "MarkNoShow");

        // Two days ahead it can be moved or cancelled, not checked in; the morning of, checked in; once started, a no-show too.
        Assert.Empty(OneTap(before));
        Assert.NotNull(before.QuerySelector("form.reschedule-appointment"));
        Assert.NotNull(before.QuerySelector("details.panel-danger form.cancel-appointment"));
        Assert.Equal(["CheckIn"], OneTap(onTheDay));
        Assert.Equal(["CheckIn", "MarkNoShow"], OneTap(started));
        Assert.NotNull(started.QuerySelector("form.inline-actions > button.btn-primary[value=CheckIn]"));
        Assert.NotNull(started.QuerySelector("form.inline-actions > details.confirm > .confirm-body > button.btn-danger[value=MarkNoShow]"));
        Assert.True(noShow.IsRedirect(), $"answered {(int)noShow.StatusCode}");
        Assert.Equal("NoShow", await clinic.App.StatusOfAsync(id));
    }

    [Fact]
    public async Task Cancelling_inside_the_notice_period_is_late_removes_the_reminders_and_frees_the_slot()
    {
        var (reception, id) = await BookTodayAsync(hoursAhead: 5);
        using (reception)
        {
            var missingReason = await reception.CancelAsync(id, "");
            var cancelled = await reception.CancelAsync(id, "Client unwell");

            Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
            Assert.True(cancelled.IsRedirect());
        }

        var cancellation = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentCancelled>(id));
        Assert.True(cancellation.GetProperty("lateCancel").GetBoolean());
        Assert.Equal("Client unwell", cancellation.GetProperty("reason").GetString());
        Assert.Equal(0, await RemindersAsync(id));
    }

    [Fact]
    public async Task Cancelling_well_ahead_is_not_late()
    {
        var (reception, id) = await BookTodayAsync(daysAhead: 3);
        using (reception)
            Assert.True((await reception.CancelAsync(id, "Travelling")).IsRedirect());

        Assert.False(Assert.Single(await clinic.App.BookingEventsAsync<AppointmentCancelled>(id)).GetProperty("lateCancel").GetBoolean());
    }

    [Fact]
    public async Task Rescheduling_moves_the_reminders_publishes_the_move_and_refuses_a_taken_time()
    {
        var (reception, id) = await BookTodayAsync(daysAhead: 3, hour: 10);
        using (reception)
        {
            var provider = await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT provider_id FROM booking_appointments WHERE id = @id AND tenant_id = @tenant_id", new { id }));
            var service = await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT service_id FROM booking_appointments WHERE id = @id AND tenant_id = @tenant_id", new { id }));
            await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(3, 15));

            var moved = await reception.RescheduleAsync(id, clinic.KarachiDay(3, 12));
            var clash = await reception.RescheduleAsync(id, clinic.KarachiDay(3, 15, 15));

            Assert.True(moved.IsRedirect(), $"answered {(int)moved.StatusCode}");
            Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        }

        var move = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentRescheduled>(id));
        Assert.Equal(clinic.KarachiDay(3, 12), move.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(clinic.KarachiDay(3, 10), move.GetProperty("previousStartsAt").GetDateTimeOffset());
        var due = await clinic.App.InClinicAsync(db => db.QueryAsync<DateTimeOffset>("SELECT due_at FROM booking_reminders WHERE appointment_id = @id ORDER BY due_at", new { id }));
        Assert.Equal([clinic.KarachiDay(3, 12).AddHours(-24), clinic.KarachiDay(3, 12).AddHours(-2)], due.Select(d => d.ToOffset(BookingForms.Karachi)));
        var sequence = await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<int>("SELECT sequence FROM booking_appointments WHERE id = @id AND tenant_id = @tenant_id", new { id }));
        Assert.Equal(1, sequence);
    }

    [Fact]
    public async Task Reminders_are_published_once_when_due_and_never_for_a_cancelled_appointment()
    {
        var (reception, kept) = await BookTodayAsync(daysAhead: 2, hour: 10);
        Guid cancelled;
        using (reception)
        {
            var provider = await clinic.App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
            var service = await clinic.App.AddServiceAsync([provider]);
            cancelled = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(2, 10));
            await reception.CancelAsync(cancelled, "Changed plans");
        }

        clinic.SetNow(clinic.KarachiDay(2, 10).AddHours(-23));
        await RunReminderJobAsync();
        await RunReminderJobAsync();

        var due = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentReminderDue>(kept));
        Assert.Equal(24 * 60, due.GetProperty("offsetMinutes").GetInt32());
        Assert.Empty(await clinic.App.BookingEventsAsync<AppointmentReminderDue>(cancelled));
        Assert.Equal(1, await RemindersAsync(kept));
    }

    /// <summary>The one-tap changes the appointment page offers, as the actions its buttons post.</summary>
    private static List<string> OneTap(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("form.inline-actions button[name='Status.Action']").Select(b => b.GetAttribute("value")!)];

    private Task<int> RunReminderJobAsync() =>
        clinic.App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<PublishDueReminders>().RunAsync(default);
            return 0;
        });

    private Task<long> RemindersAsync(Guid id) =>
        clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_reminders WHERE appointment_id = @id", new { id }));

    /// <summary>
    /// Moves the clock to 08:00 in Karachi on the next day, then books a fresh provider who works round the clock,
    /// <paramref name="hoursAhead"/> hours later (or at <paramref name="hour"/>), <paramref name="daysAhead"/> days on.
    /// </summary>
    private async Task<(ClinicClient Reception, Guid Appointment)> BookTodayAsync(int hoursAhead = 1, int daysAhead = 0, int? hour = null)
    {
        clinic.SetNow(clinic.KarachiDay(1, 8));
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        var reception = await clinic.ReceptionAsync();
        var starts = clinic.KarachiDay(daysAhead, hour ?? 8 + hoursAhead);
        return (reception, await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, starts));
    }
}

public sealed class AppointmentLifecycleTests_on_Sqlite(BookingClinicOnSqlite clinic) : AppointmentLifecycleTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class AppointmentLifecycleTests_on_Postgres(BookingClinicOnPostgres clinic) : AppointmentLifecycleTests(clinic), IClassFixture<BookingClinicOnPostgres>;

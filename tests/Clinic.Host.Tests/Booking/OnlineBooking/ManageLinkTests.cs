using System.Net;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>The link in the confirmation lets the client cancel or move the appointment, only while the policy allows.</summary>
public abstract class ManageLinkTests(OnlineBookingClinic fixture)
{
    private static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_client_cancels_through_the_link_outside_the_notice_period_like_staff_would()
    {
        var (manage, appointment, _) = await BookAsync(daysAhead: 4, hour: 10);
        using var client = App.Browser();

        var (opened, page) = await client.GetPageAsync(manage);
        var statusAfterOpening = await App.StatusOfAsync(appointment);
        var cancelled = await client.SubmitAsync(manage, new Dictionary<string, string>(StringComparer.Ordinal) { ["Cancel.Reason"] = "" }, "form.cancel-booking");
        var events = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_outbox WHERE tenant_id = @tenant_id AND type = @type AND payload LIKE @id",
            new { type = EventNames.Of<AppointmentCancelled>(), id = $"%{appointment}%" }));
        var reminders = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_reminders WHERE tenant_id = @tenant_id AND appointment_id = @appointment", new { appointment }));
        var history = await App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT actor_name FROM booking_appointment_changes WHERE tenant_id = @tenant_id AND appointment_id = @appointment AND to_status = 'Cancelled'", new { appointment }));

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.NotNull(page.QuerySelector("form.cancel-booking"));
        Assert.Equal("Confirmed", statusAfterOpening);
        Assert.True(cancelled.IsRedirect(), $"cancelling answered {(int)cancelled.StatusCode}");
        Assert.Equal("Cancelled", await App.StatusOfAsync(appointment));
        Assert.Equal(1, events);
        Assert.Equal(0, reminders);
        Assert.Equal("Client (online)", history);
    }

    [Fact]
    public async Task Inside_the_notice_period_the_link_explains_the_policy_and_a_forged_cancel_gets_409()
    {
        var (manage, appointment, start) = await BookAsync(daysAhead: 3, hour: 11);
        using var client = App.Browser();
        var form = await client.FormAsync(manage, "form.cancel-booking");

        fixture.SetNow(start.AddHours(-23));
        var (opened, page) = await client.GetPageAsync(manage);
        var forged = await client.PostFormAsync(manage, form);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Null(page.QuerySelector("form.cancel-booking"));
        Assert.Contains("can no longer be moved or cancelled online", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.Equal("Confirmed", await App.StatusOfAsync(appointment));
    }

    [Fact]
    public async Task The_client_moves_the_appointment_to_another_slot_with_the_same_provider()
    {
        var (manage, appointment, start) = await BookAsync(daysAhead: 5, hour: 9);
        using var client = App.Browser();
        var later = start.AddHours(3);

        var form = await client.FormAsync(manage, "form.move-booking");
        form["Move.StartsAt"] = OnlineVisitor.Instant(later);
        var moved = await client.PostFormAsync(manage, form);
        var startsAt = await App.InClinicAsync(db => db.ExecuteScalarAsync<DateTimeOffset>(
            "SELECT starts_at FROM booking_appointments WHERE tenant_id = @tenant_id AND id = @appointment", new { appointment }));

        Assert.True(moved.IsRedirect(), $"moving answered {(int)moved.StatusCode}");
        Assert.Equal(later, startsAt);
    }

    [Fact]
    public async Task An_unknown_link_answers_404()
    {
        using var visitor = App.Browser();

        var (opened, _) = await visitor.GetPageAsync("/booking/manage/not-a-real-secret");

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
    }

    /// <summary>Books online and returns the manage link's path, the appointment and its start.</summary>
    private async Task<(string Manage, Guid Appointment, DateTimeOffset Start)> BookAsync(int daysAhead, int hour)
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await App.AddServiceAsync([provider]);
        var day = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().ToOffset(Karachi).DateTime).AddDays(daysAhead);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), Karachi);
        using var visitor = App.Browser();
        var held = await visitor.HoldAsync(service, provider, day, start);
        var last = $"Manage-{Guid.NewGuid():N}";
        var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
        var appointment = await App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service", new { service }));
        return (booked.RedirectTarget().AbsolutePath, appointment, start);
    }
}

public sealed class ManageLinkTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : ManageLinkTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class ManageLinkTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : ManageLinkTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

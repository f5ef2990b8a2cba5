using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>Reception books clients in; every rule that refuses a booking answers 4xx naming the field and stores nothing.</summary>
public abstract class StaffBookingTests(BookingClinic clinic)
{
    private static readonly TimeOnly Nine = new(9, 0), Five = new(17, 0);

    [Fact]
    public async Task A_booking_is_confirmed_with_its_history_reminders_and_an_AppointmentBooked_event()
    {
        var (client, service, provider) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();
        var starts = clinic.KarachiDay(3, 10);

        var id = await reception.BookedAsync(client, service, provider, starts);

        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(id));
        var booked = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentBooked>(id));
        Assert.Equal(starts, booked.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Contains("/booking/manage/", clinic.App.OpenLink(booked.GetProperty("manageUrl")), StringComparison.Ordinal);
        var reminders = await clinic.App.InClinicAsync(db => db.QueryAsync<DateTimeOffset>(
            "SELECT due_at FROM booking_reminders WHERE appointment_id = @id ORDER BY due_at", new { id }));
        Assert.Equal([starts.AddHours(-24), starts.AddHours(-2)], reminders.Select(r => r.ToOffset(BookingForms.Karachi)));
        var (_, page) = await reception.GetPageAsync($"/appointments/{id}");
        Assert.Contains("Booked as confirmed", page.QuerySelector("ol.history")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Confirmed", page.QuerySelector("dl.details .badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booking_that_succeeds_redirects_without_reading_the_client_services_or_staff_again()
    {
        var (client, service, provider) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        HttpResponseMessage response = null!;

        // Opening the form is an audited read of the client; a post that books and redirects must not open it again.
        var recorded = await clinic.App.RecordedDuringAsync(async () =>
            response = await PostBookingAsync(reception, token, client, BookingForms.BookingFields(service, provider, clinic.KarachiDay(3, 14))));

        Assert.True(response.IsRedirect(), $"answered {(int)response.StatusCode}");
        Assert.Equal([BookedAction], recorded.Select(e => e.Action));
        Assert.Equal(client, Assert.Single(recorded).ClientId);
    }

    [Fact]
    public async Task A_refused_booking_shows_the_form_again_with_its_choices_and_the_error_beside_the_start()
    {
        var (client, service, provider) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();
        await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(3, 15));
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        HttpResponseMessage response = null!;

        var recorded = await clinic.App.RecordedDuringAsync(async () =>
            response = await PostBookingAsync(reception, token, client, BookingForms.BookingFields(service, provider, clinic.KarachiDay(3, 15))));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([OpenedAction], recorded.Select(e => e.Action));
        Assert.NotNull(page.QuerySelector($"form.book-appointment select#service option[value='{service}'][selected]"));
        Assert.NotNull(page.FieldError("time"));
        Assert.Equal("true", page.GetElementById("time")?.GetAttribute("aria-invalid"));
        Assert.Equal("time-error", page.GetElementById("time")?.GetAttribute("aria-describedby"));
        Assert.Equal(0, await clinic.App.AppointmentCountAsync(client));
    }

    [Fact]
    public async Task Opening_the_booking_form_records_that_staff_saw_the_client()
    {
        var (client, _, _) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();

        var recorded = await clinic.App.RecordedDuringAsync(() => reception.GetPageAsync($"/appointments/new?clientId={client}"));

        var entry = Assert.Single(recorded);
        Assert.Equal((OpenedAction, (Guid?)client), (entry.Action, entry.ClientId));
    }

    [Fact]
    public async Task A_custom_end_time_sets_the_length_and_one_more_than_twelve_hours_on_is_refused()
    {
        var (client, service, provider) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();

        var backwards = await reception.BookAsync(client, service, provider, clinic.KarachiDay(3, 11), endTime: "10:30");
        var longer = await reception.BookAsync(client, service, provider, clinic.KarachiDay(3, 11), endTime: "12:15");

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.NotNull((await backwards.PageAsync()).FieldError("end-time"));
        Assert.True(longer.IsRedirect());
        var id = Guid.Parse(longer.RedirectTarget().AbsolutePath.Split('/')[^1]);
        var ends = Assert.Single(await clinic.App.BookingEventsAsync<AppointmentBooked>(id)).GetProperty("endsAt").GetDateTimeOffset();
        Assert.Equal(clinic.KarachiDay(3, 12, 15), ends);
    }

    [Theory]
    [InlineData("past", HttpStatusCode.BadRequest, "time")]
    [InlineData("before opening", HttpStatusCode.BadRequest, "time")]
    [InlineData("running past closing", HttpStatusCode.BadRequest, "time")]
    [InlineData("provider on leave", HttpStatusCode.BadRequest, "time")]
    [InlineData("clinic closed", HttpStatusCode.BadRequest, "time")]
    [InlineData("unknown service", HttpStatusCode.BadRequest, "service")]
    [InlineData("disabled service", HttpStatusCode.BadRequest, "service")]
    [InlineData("provider who does not perform it", HttpStatusCode.BadRequest, "provider")]
    [InlineData("overlapping", HttpStatusCode.Conflict, "time")]
    [InlineData("overlapping the buffer", HttpStatusCode.Conflict, "time")]
    [InlineData("malformed date", HttpStatusCode.BadRequest, "date")]
    public async Task A_refused_booking_names_the_field_and_stores_nothing(string problem, HttpStatusCode expected, string field)
    {
        var (client, service, provider) = await ArrangeAsync(bufferAfter: 15);
        var other = await clinic.App.AddProviderAsync(Nine, Five);
        using var reception = await clinic.ReceptionAsync();
        var day = clinic.KarachiDay(5, 0);
        var taken = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(5, 14));
        var fields = BookingForms.BookingFields(service, provider, clinic.KarachiDay(5, 10));
        switch (problem)
        {
            case "past":
                fields = BookingForms.BookingFields(service, provider, clinic.KarachiDay(-1, 10));
                break;
            case "before opening":
                fields = BookingForms.BookingFields(service, provider, clinic.KarachiDay(5, 8, 45));
                break;
            case "running past closing":
                fields = BookingForms.BookingFields(service, provider, clinic.KarachiDay(5, 16, 45));
                break;
            case "provider on leave":
                await clinic.App.AddExceptionAsync(provider, DateOnly.FromDateTime(day.Date), off: true);
                break;
            case "clinic closed":
                // A closure shuts the whole clinic, so it takes a day no other test books.
                var closed = clinic.KarachiDay(40, 10);
                await clinic.App.AddClosureAsync(DateOnly.FromDateTime(closed.Date), DateOnly.FromDateTime(closed.Date));
                fields = BookingForms.BookingFields(service, provider, closed);
                break;
            case "unknown service":
                fields["Input.ServiceId"] = Guid.NewGuid().ToString();
                break;
            case "disabled service":
                fields["Input.ServiceId"] = (await clinic.App.AddServiceAsync([provider], active: false)).ToString();
                break;
            case "provider who does not perform it":
                fields["Input.ProviderId"] = other.ToString();
                break;
            case "overlapping":
                fields = BookingForms.BookingFields(service, provider, clinic.KarachiDay(5, 14, 15));
                break;
            case "overlapping the buffer":
                // The taken appointment runs 14:00–14:30 and its room is cleared until 14:45.
                fields = BookingForms.BookingFields(service, provider, clinic.KarachiDay(5, 14, 30));
                break;
            case "malformed date":
                fields["Input.Date"] = "2026-02-30";
                break;
        }

        var response = await reception.SubmitAsync($"/appointments/new?clientId={client}", fields, "form.book-appointment");

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull((await response.PageAsync()).FieldError(field));
        Assert.Equal(0, await clinic.App.AppointmentCountAsync(client));
        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(taken));
    }

    [Fact]
    public async Task Booking_right_after_the_buffer_is_allowed()
    {
        var (client, service, provider) = await ArrangeAsync(bufferAfter: 15);
        using var reception = await clinic.ReceptionAsync();
        await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(6, 14));

        var next = await reception.BookAsync(client, service, provider, clinic.KarachiDay(6, 14, 45));

        Assert.True(next.IsRedirect(), $"answered {(int)next.StatusCode}");
    }

    [Fact]
    public async Task A_clinician_may_open_an_appointment_but_not_book_or_change_one()
    {
        var (client, service, provider) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(client, service, provider, clinic.KarachiDay(7, 10));
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Clinician, BookingClinic.Password);
        using var clinician = clinic.App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);

        var (opened, page) = await clinician.GetPageAsync($"/appointments/{id}");
        var (booking, _) = await clinician.GetPageAsync($"/appointments/new?clientId={client}");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Null(page.QuerySelector("form.cancel-appointment"));
        Assert.True(booking.StatusCode == HttpStatusCode.Forbidden || booking.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)booking.StatusCode}");
    }

    [Fact]
    public async Task A_forged_cancel_from_a_clinician_is_refused_and_changes_nothing()
    {
        var (client, service, provider) = await ArrangeAsync();
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(client, service, provider, clinic.KarachiDay(7, 11));
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Clinician, BookingClinic.Password);
        using var clinician = clinic.App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);
        var token = await clinician.AntiforgeryTokenAsync("/account/password");

        var forged = await clinician.PostAsync($"/appointments/{id}", StaffForms.Fields(
            ("__RequestVerificationToken", token), ("_handler", "cancel"), ("Cancel.Action", "Cancel"), ("Cancel.Reason", "Forged")));

        Assert.True(forged.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"answered {(int)forged.StatusCode}");
        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(id));
    }

    private const string BookedAction = "appointments.booked";
    private const string OpenedAction = "appointments.booking_form_opened";

    private static Task<HttpResponseMessage> PostBookingAsync(ClinicClient staff, string token, Guid client, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        fields["_handler"] = "book-appointment";
        fields["Input.ClientId"] = client.ToString();
        return staff.PostAsync($"/appointments/new?clientId={client}", fields);
    }

    private async Task<(Guid Client, Guid Service, Guid Provider)> ArrangeAsync(int bufferAfter = 0)
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        var service = await clinic.App.AddServiceAsync([provider], minutes: 30, bufferAfter: bufferAfter);
        return (await clinic.App.AddBookableClientAsync(), service, provider);
    }
}

public sealed class StaffBookingTests_on_Sqlite(BookingClinicOnSqlite clinic) : StaffBookingTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class StaffBookingTests_on_Postgres(BookingClinicOnPostgres clinic) : StaffBookingTests(clinic), IClassFixture<BookingClinicOnPostgres>;

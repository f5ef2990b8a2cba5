using System.Net;
using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// A visitor books on the public website: a slot is held while they give their details, then becomes their
/// appointment with the evidence of what they agreed to, and the confirmation's manage link waits in the outbox.
/// </summary>
public abstract class OnlineBookingTests(OnlineBookingClinic fixture)
{
    private static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_visitor_holds_a_slot_then_books_it_with_the_policy_version_ip_and_device_kept_and_the_manage_link_in_the_outbox()
    {
        var (service, provider, day) = await ArrangeAsync();
        var start = At(day, 10, 0);
        using var visitor = App.Browser();
        visitor.Http.DefaultRequestHeaders.UserAgent.ParseAdd("PhoneBrowser/1.0");
        var last = $"Raza-{Guid.NewGuid():N}";

        var (menu, menuPage) = await visitor.GetPageAsync("/book");
        var (dayPage, dayDoc) = await visitor.GetPageAsync(OnlineVisitor.DayPath(service, provider, day));
        var held = await visitor.HoldAsync(service, provider, day, start);
        var (holdPage, holdDoc) = await visitor.GetPageAsync(held.HoldPath());
        var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
        var (confirmation, confirmationDoc) = await visitor.GetPageAsync(booked.RedirectTarget().PathAndQuery);
        var row = await AppointmentOfAsync(last);
        var events = await BookedEventsAsync(row.Id);

        Assert.Equal(HttpStatusCode.OK, menu.StatusCode);
        Assert.Contains(menuPage.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/book?service={service}");
        Assert.Equal(HttpStatusCode.OK, dayPage.StatusCode);
        Assert.Contains("Asia/Karachi", dayDoc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, holdPage.StatusCode);
        Assert.Contains("10 more minutes", holdDoc.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(booked.IsRedirect(), $"booking answered {(int)booked.StatusCode}");
        Assert.StartsWith("/booking/manage/", booked.RedirectTarget().AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("Your appointment is booked", confirmationDoc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Confirmed", row.Status);
        Assert.Equal("online", row.Source);
        Assert.Equal(start, row.StartsAt);
        Assert.Equal(1, row.PolicyVersion);
        Assert.Equal(OnlineBookingClinic.VisitorIp.ToString(), row.BookedIp);
        Assert.Equal("PhoneBrowser/1.0", row.BookedUserAgent);
        Assert.Null(row.HoldExpiresAt);
        var booking = Assert.Single(events);
        Assert.Equal($"http://localhost{booked.RedirectTarget().AbsolutePath}", App.OpenLink(booking.GetProperty("manageUrl")));
        Assert.Equal("online", booking.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_hold_expires_after_ten_minutes_and_booking_then_answers_410_and_adds_no_client()
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = App.Browser();
        var last = $"Late-{Guid.NewGuid():N}";
        var held = await visitor.HoldAsync(service, provider, day, At(day, 11, 0));
        var form = await visitor.FormAsync(held.HoldPath(), "form.hold-contact");
        foreach (var (name, value) in OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"))
            form[name] = value;

        fixture.SetNow(fixture.Clock.GetUtcNow().AddMinutes(10));
        var posted = await visitor.PostFormAsync(held.HoldPath(), form);
        var (opened, _) = await visitor.GetPageAsync(held.HoldPath());

        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Contains("/book", (await posted.PageAsync()).QuerySelector("a[href='/book']")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last })));
    }

    [Fact]
    public async Task A_held_slot_is_not_offered_to_a_second_visitor()
    {
        var (service, provider, day) = await ArrangeAsync();
        var start = At(day, 12, 0);
        using var first = App.Browser();
        using var second = App.Browser();
        var before = await SlotsAsync(second, service, provider, day);

        var held = await first.HoldAsync(service, provider, day, start);
        var after = await SlotsAsync(second, service, provider, day);
        var again = await second.HoldAsync(service, provider, day, start.AddMinutes(30));
        var clash = await second.PostFormAsync(OnlineVisitor.DayPath(service, provider, day), await SlotFormAsync(second, service, provider, day, start));

        Assert.True(held.IsRedirect());
        Assert.Contains(OnlineVisitor.Instant(start), before);
        Assert.DoesNotContain(OnlineVisitor.Instant(start), after);
        Assert.True(again.IsRedirect(), "the next slot is still free");
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
    }

    [Fact]
    public async Task Fifty_visitors_holding_the_same_slot_at_once_get_exactly_one_hold_and_409s_for_the_rest()
    {
        var (service, provider, day) = await ArrangeAsync();
        var start = At(day, 14, 0);
        var visitors = Enumerable.Range(0, 50).Select(_ => App.Browser()).ToList();
        var forms = new List<Dictionary<string, string>>();
        foreach (var visitor in visitors)
            forms.Add(await SlotFormAsync(visitor, service, provider, day, start));

        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostFormAsync(OnlineVisitor.DayPath(service, provider, day), forms[i])));
        var holds = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service AND status = 'Held'", new { service }));
        visitors.ForEach(v => v.Dispose());

        Assert.Single(answers, a => a.IsRedirect());
        Assert.Equal(49, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, holds);
    }

    [Fact]
    public async Task A_clinic_that_reviews_online_bookings_gets_them_as_requested()
    {
        var (service, provider, day) = await ArrangeAsync();
        var last = $"Review-{Guid.NewGuid():N}";
        await App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO booking_settings (tenant_id, horizon_days, min_notice_minutes, slot_minutes, cancellation_notice_hours, cancellation_policy,
                policy_version, online_auto_confirm, hold_minutes, updated_at)
            VALUES (@tenant_id, 60, 120, 15, 24, 'Give us a day''s notice.', 3, FALSE, 10, @now)
            """,
            new { now = fixture.Clock.GetUtcNow() }));
        try
        {
            using var visitor = App.Browser();
            var held = await visitor.HoldAsync(service, provider, day, At(day, 15, 0));
            var (_, holdPage) = await visitor.GetPageAsync(held.HoldPath());
            var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
            var row = await AppointmentOfAsync(last);

            Assert.Contains("Give us a day's notice.", holdPage.Body!.TextContent, StringComparison.Ordinal);
            Assert.True(booked.IsRedirect());
            Assert.Equal("Requested", row.Status);
            Assert.Equal(3, row.PolicyVersion);
        }
        finally
        {
            await App.InClinicAsync(db => db.ExecuteAsync("DELETE FROM booking_settings WHERE tenant_id = @tenant_id"));
        }
    }

    [Fact]
    public async Task A_visitor_whose_mobile_the_clinic_knows_is_booked_as_that_client()
    {
        var (service, provider, day) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        var phone = await App.InClinicAsync(db => db.ExecuteScalarAsync<string>("SELECT phone FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client", new { client }));
        using var visitor = App.Browser();

        var held = await visitor.HoldAsync(service, provider, day, At(day, 16, 0));
        var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact("Someone", phone!, $"new-{Guid.NewGuid():N}@example.test"));
        var booking = await App.InClinicAsync(db => db.ExecuteScalarAsync<Guid?>(
            "SELECT client_id FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service AND status = 'Confirmed'", new { service }));

        Assert.True(booked.IsRedirect());
        Assert.Equal(client, booking);
    }

    [Theory]
    [InlineData("Input.Mobile", "12345", "mobile")]
    [InlineData("Input.Email", "not-an-email", "email")]
    [InlineData("Input.FirstName", "", "first-name")]
    [InlineData("Input.AgreesToPolicy", "", "agrees")]
    public async Task A_bad_contact_field_is_refused_with_400_naming_it_and_the_slot_stays_held(string field, string value, string inputId)
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = App.Browser();
        var last = $"Bad-{Guid.NewGuid():N}";
        var held = await visitor.HoldAsync(service, provider, day, At(day, 9, 0));
        var contact = OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test");
        contact[field] = value;

        var refused = await visitor.BookAsync(held.HoldPath(), contact);
        var (again, _) = await visitor.GetPageAsync(held.HoldPath());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refused.PageAsync()).FieldError(inputId)), $"no error next to {inputId}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last })));
    }

    [Fact]
    public async Task Unknown_or_offline_services_answer_404_another_provider_400_and_a_past_or_off_hours_slot_400()
    {
        var (service, provider, day) = await ArrangeAsync();
        var offline = await App.AddServiceAsync([provider], online: false);
        var stranger = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        using var visitor = App.Browser();
        var form = await SlotFormAsync(visitor, service, provider, day, At(day, 10, 0));

        var (unknown, _) = await visitor.GetPageAsync($"/book?service={Guid.CreateVersion7()}");
        var (notOnline, _) = await visitor.GetPageAsync($"/book?service={offline}");
        var (otherProvider, _) = await visitor.GetPageAsync($"/book?service={service}&provider={stranger}");
        var past = await Post(form, ("Input.StartsAt", OnlineVisitor.Instant(fixture.Clock.GetUtcNow().AddHours(-1))));
        var night = await Post(form, ("Input.StartsAt", OnlineVisitor.Instant(At(day, 22, 0))));
        var forgedProvider = await Post(form, ("Input.ProviderId", stranger.ToString()));
        var forgedService = await Post(form, ("Input.ServiceId", offline.ToString()));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notOnline.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherProvider.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, night.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedProvider.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedService.StatusCode);
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id IN (@service, @offline)", new { service, offline })));

        Task<HttpResponseMessage> Post(Dictionary<string, string> fields, (string Name, string Value) change) =>
            visitor.PostFormAsync(OnlineVisitor.DayPath(service, provider, day), new Dictionary<string, string>(fields, StringComparer.Ordinal) { [change.Name] = change.Value });
    }

    [Fact]
    public async Task Any_available_offers_the_slots_of_every_provider_and_books_one_who_is_free()
    {
        var first = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(12, 0));
        var second = await App.AddProviderAsync(new TimeOnly(13, 0), new TimeOnly(17, 0));
        var service = await App.AddServiceAsync([first, second]);
        var day = Today().AddDays(3);
        using var visitor = App.Browser();

        var slots = await SlotsAsync(visitor, service, null, day);
        var held = await visitor.HoldAsync(service, null, day, At(day, 14, 0));
        var holder = await App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT provider_id FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service", new { service }));

        Assert.Contains(OnlineVisitor.Instant(At(day, 9, 0)), slots);
        Assert.Contains(OnlineVisitor.Instant(At(day, 16, 30)), slots);
        Assert.True(held.IsRedirect());
        Assert.Equal(second, holder);
    }

    private async Task<(Guid Service, Guid Provider, DateOnly Day)> ArrangeAsync()
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await App.AddServiceAsync([provider]);
        return (service, provider, Today().AddDays(3));
    }

    private DateOnly Today() => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().ToOffset(Karachi).DateTime);

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), Karachi);

    private static async Task<List<string>> SlotsAsync(ClinicClient visitor, Guid service, Guid? provider, DateOnly day)
    {
        var (_, page) = await visitor.GetPageAsync(OnlineVisitor.DayPath(service, provider, day));
        return [.. page.QuerySelectorAll("form.slots button").Select(b => b.GetAttribute("value")!)];
    }

    private static async Task<Dictionary<string, string>> SlotFormAsync(ClinicClient visitor, Guid service, Guid? provider, DateOnly day, DateTimeOffset start)
    {
        var fields = await visitor.FormAsync(OnlineVisitor.DayPath(service, provider, day), "form.slots");
        fields["Input.StartsAt"] = OnlineVisitor.Instant(start);
        return fields;
    }

    private async Task<AppointmentRow> AppointmentOfAsync(string lastName) =>
        (await App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<AppointmentRow>(
            """
            SELECT a.id AS Id, a.status AS Status, a.source AS Source, a.starts_at AS StartsAt, a.policy_version AS PolicyVersion,
                   a.booked_ip AS BookedIp, a.booked_user_agent AS BookedUserAgent, a.hold_expires_at AS HoldExpiresAt
            FROM booking_appointments a
            WHERE a.tenant_id = @tenant_id AND a.client_id = (SELECT c.id FROM clients_clients c WHERE c.tenant_id = @tenant_id AND c.last_name = @lastName)
            """,
            new { lastName })))!;

    private async Task<IReadOnlyList<JsonElement>> BookedEventsAsync(Guid appointment)
    {
        var payloads = await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM booking_outbox WHERE tenant_id = @tenant_id AND type = @type", new { type = EventNames.Of<AppointmentBooked>() }));
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement).Where(p => p.GetProperty("appointmentId").GetGuid() == appointment)];
    }

    internal sealed class AppointmentRow
    {
        public Guid Id { get; init; }

        public string Status { get; init; } = "";

        public string Source { get; init; } = "";

        public DateTimeOffset StartsAt { get; init; }

        public int? PolicyVersion { get; init; }

        public string? BookedIp { get; init; }

        public string? BookedUserAgent { get; init; }

        public DateTimeOffset? HoldExpiresAt { get; init; }
    }
}

public sealed class OnlineBookingTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : OnlineBookingTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class OnlineBookingTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : OnlineBookingTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

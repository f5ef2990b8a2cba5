using System.Net;
using System.Text.Json;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// Races for one held slot or one start time, checked by what every caller was told (the status, where it was sent,
/// whether that link works) as well as by what the database holds: exactly one visitor is told "booked" per
/// appointment, the same visitor pressing "Book" again is told the same, and nobody else leaves a client record behind.
/// </summary>
public abstract class BookingRaceTests(OnlineBookingClinic fixture)
{
    private static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Twenty_people_booking_one_held_time_at_once_book_it_for_exactly_one_and_tell_the_rest_it_was_taken()
    {
        var (service, provider, day) = await ArrangeAsync();
        var people = Enumerable.Range(0, 20).Select(_ => App.Browser()).ToList();
        var holdPath = (await people[0].HoldAsync(service, provider, day, At(day, 10, 0))).HoldPath();
        var tag = Guid.NewGuid().ToString("N");
        var lasts = people.Select((_, i) => $"Racer{i}-{tag}").ToList();
        var forms = new List<Dictionary<string, string>>();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
            forms.Add(await ContactFormAsync(person, holdPath, lasts[i]));

        var answers = await AtOnceAsync(people.Select((p, i) => (Func<Task<HttpResponseMessage>>)(() => p.PostFormAsync(holdPath, forms[i]))));
        var winner = Assert.Single(answers, a => a.IsRedirect());
        var winnerIndex = answers.IndexOf(winner);
        var (confirmation, confirmationPage) = await people[winnerIndex].GetPageAsync(winner.RedirectTarget().PathAndQuery);
        var booking = await BookingOfAsync(service);
        var events = await BookedEventsAsync(booking.Id);
        var clients = await ClientCountAsync(tag);
        people.ForEach(p => p.Dispose());

        Assert.StartsWith("/booking/manage/", winner.RedirectTarget().AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("Your appointment is booked", confirmationPage.Body!.TextContent, StringComparison.Ordinal);
        foreach (var loser in answers.Where(a => a != winner))
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Contains("this time was taken", (await loser.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(lasts[winnerIndex], booking.LastName);
        var booked = Assert.Single(events);
        Assert.Equal(booking.ClientId, booked.GetProperty("clientId").GetGuid());
        Assert.Equal($"http://localhost{winner.RedirectTarget().AbsolutePath}", App.OpenLink(booked.GetProperty("manageUrl")));
        Assert.Equal(1, clients);
    }

    [Fact]
    public async Task One_visitor_pressing_book_ten_times_at_once_is_told_booked_each_time_with_the_same_working_link()
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = App.Browser();
        var last = $"Twice-{Guid.NewGuid():N}";
        var holdPath = (await visitor.HoldAsync(service, provider, day, At(day, 11, 0))).HoldPath();
        var form = await ContactFormAsync(visitor, holdPath, last);

        var answers = await AtOnceAsync(Enumerable.Range(0, 10).Select(_ => (Func<Task<HttpResponseMessage>>)(() => visitor.PostFormAsync(holdPath, form))));
        var later = await visitor.PostFormAsync(holdPath, form);
        var (reopened, _) = await visitor.GetPageAsync(holdPath);
        var told = new List<string>();
        foreach (var answer in answers.Append(later).Append(reopened))
            told.Add(await ToldAsync(answer));
        var link = Assert.Single(told.Distinct());
        var (confirmation, confirmationPage) = await visitor.GetPageAsync(link);
        var booking = await BookingOfAsync(service);

        Assert.StartsWith("/booking/manage/", link, StringComparison.Ordinal);
        Assert.EndsWith("?done=booked", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("Your appointment is booked", confirmationPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(last, booking.LastName);
        Assert.Single(await BookedEventsAsync(booking.Id));
        Assert.Equal(1, await ClientCountAsync(last));
    }

    [Fact]
    public async Task Fifty_visitors_racing_to_hold_and_book_one_start_time_tell_exactly_one_booked()
    {
        var (service, provider, day) = await ArrangeAsync();
        var start = At(day, 12, 0);
        var visitors = Enumerable.Range(0, 50).Select(_ => App.Browser()).ToList();
        var tag = Guid.NewGuid().ToString("N");
        var lasts = visitors.Select((_, i) => $"Fifty{i}-{tag}").ToList();
        var forms = new List<Dictionary<string, string>>();
        foreach (var visitor in visitors)
            forms.Add(await SlotFormAsync(visitor, service, provider, day, start));

        var answers = await AtOnceAsync(visitors.Select((v, i) => (Func<Task<HttpResponseMessage>>)(async () =>
        {
            var held = await v.PostFormAsync(OnlineVisitor.DayPath(service, provider, day), forms[i]);
            return held.IsRedirect() ? await v.BookAsync(held.HoldPath(), OnlineVisitor.Contact(lasts[i], OnlineVisitor.NewMobile(), $"{lasts[i]}@example.test")) : held;
        })));
        var winner = Assert.Single(answers, a => a.IsRedirect());
        var winnerIndex = answers.IndexOf(winner);
        var (confirmation, _) = await visitors[winnerIndex].GetPageAsync(winner.RedirectTarget().PathAndQuery);
        var booking = await BookingOfAsync(service);
        visitors.ForEach(v => v.Dispose());

        Assert.StartsWith("/booking/manage/", winner.RedirectTarget().AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        foreach (var loser in answers.Where(a => a != winner))
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Contains("has just been taken", (await loser.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(lasts[winnerIndex], booking.LastName);
        Assert.Single(await BookedEventsAsync(booking.Id));
        Assert.Equal(1, await ClientCountAsync(tag));
    }

    [Fact]
    public async Task One_person_booking_five_times_at_once_from_five_browsers_is_one_client_with_five_appointments()
    {
        var (service, provider, day) = await ArrangeAsync();
        var last = $"Same-{Guid.NewGuid():N}";
        var contact = OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test");
        var browsers = Enumerable.Range(0, 5).Select(_ => App.Browser()).ToList();
        var forms = new List<(string Path, Dictionary<string, string> Form)>();
        foreach (var (browser, i) in browsers.Select((b, i) => (b, i)))
        {
            var holdPath = (await browser.HoldAsync(service, provider, day, At(day, 13 + i, 0))).HoldPath();
            forms.Add((holdPath, await ContactFormAsync(browser, holdPath, last, contact)));
        }

        var answers = await AtOnceAsync(browsers.Select((b, i) => (Func<Task<HttpResponseMessage>>)(() => b.PostFormAsync(forms[i].Path, forms[i].Form))));
        var clients = await App.InClinicAsync(db => db.QueryAsync<Guid>(
            "SELECT id FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last }));
        var booked = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM booking_appointments a JOIN clients_clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
            WHERE a.tenant_id = @tenant_id AND a.service_id = @service AND a.status = 'Confirmed' AND c.last_name = @last
            """,
            new { service, last }));
        browsers.ForEach(b => b.Dispose());

        Assert.All(answers, a => Assert.True(a.IsRedirect(), $"a booking answered {(int)a.StatusCode}"));
        Assert.Single(clients);
        Assert.Equal(5, booked);
    }

    [Fact]
    public async Task Fifty_receptionists_booking_the_only_laser_room_through_five_providers_all_get_their_answer_and_none_waits_out_a_deadlock()
    {
        var type = $"Laser room {Guid.NewGuid():N}";
        await App.AddRoomAsync(type);
        var providers = new List<Guid>();
        for (var i = 0; i < 5; i++)
            providers.Add(await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var service = await App.AddServiceAsync(providers, minutes: 60, resourceType: type);
        using var reception = await fixture.ReceptionAsync();
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        var clients = new List<Guid>();
        for (var i = 0; i < 50; i++)
            clients.Add(await App.AddBookableClientAsync());
        var logged = fixture.Log.Lines.Count;

        var answers = await AtOnceAsync(clients.Select((client, i) => (Func<Task<HttpResponseMessage>>)(() =>
        {
            var fields = BookingForms.BookingFields(service, providers[i % providers.Count], fixture.KarachiDay(4, 13));
            fields["__RequestVerificationToken"] = token;
            fields["_handler"] = "book-appointment";
            fields["Input.ClientId"] = client.ToString();
            return reception.PostFormAsync($"/appointments/new?clientId={client}", fields);
        })));
        var live = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service AND status NOT IN ('Cancelled', 'NoShow')", new { service }));

        Assert.Single(answers, a => a.IsRedirect());
        foreach (var loser in answers.Where(a => !a.IsRedirect()))
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            var body = await loser.Content.ReadAsStringAsync();
            Assert.True(
                body.Contains("has just been taken", StringComparison.Ordinal) || body.Contains("No suitable room", StringComparison.Ordinal),
                "A refused receptionist is told why.");
        }

        Assert.Equal(1, live);
        // Racers queue on the room in one order and the loser is refused by the check, so no transaction is ever
        // a deadlock victim waiting for PostgreSQL's detector (a second each) before the unit of work runs it again.
        Assert.DoesNotContain(
            fixture.Log.Lines.Skip(logged),
            line => line.Contains("deadlock", StringComparison.OrdinalIgnoreCase) || line.Contains("lost a lock race", StringComparison.Ordinal));
    }

    /// <summary>Where a redirect sends the visitor, or the status and the page's alert.</summary>
    private static async Task<string> ToldAsync(HttpResponseMessage answer) =>
        answer.IsRedirect()
            ? answer.RedirectTarget().PathAndQuery
            : $"{(int)answer.StatusCode}: {(await answer.PageAsync()).QuerySelector("[role=alert]")?.TextContent.Trim() ?? await answer.Content.ReadAsStringAsync()}";

    /// <summary>Starts every request together, so that they race inside the app rather than queue in the test.</summary>
    private static async Task<List<HttpResponseMessage>> AtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        using var start = new SemaphoreSlim(0);
        var racers = requests.Select(async request =>
        {
            await start.WaitAsync();
            return await request();
        }).ToList();
        start.Release(racers.Count);
        return [.. await Task.WhenAll(racers)];
    }

    private static async Task<Dictionary<string, string>> ContactFormAsync(
        ClinicClient browser, string holdPath, string last, Dictionary<string, string>? contact = null)
    {
        var form = await browser.FormAsync(holdPath, "form.hold-contact");
        foreach (var (name, value) in contact ?? OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"))
            form[name] = value;
        return form;
    }

    private static async Task<Dictionary<string, string>> SlotFormAsync(ClinicClient visitor, Guid service, Guid? provider, DateOnly day, DateTimeOffset start)
    {
        var fields = await visitor.FormAsync(OnlineVisitor.DayPath(service, provider, day), "form.slots");
        fields["Input.StartsAt"] = OnlineVisitor.Instant(start);
        return fields;
    }

    private async Task<(Guid Service, Guid Provider, DateOnly Day)> ArrangeAsync()
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(20, 0));
        var service = await App.AddServiceAsync([provider]);
        return (service, provider, DateOnly.FromDateTime(fixture.Clock.GetUtcNow().ToOffset(Karachi).DateTime).AddDays(3));
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), Karachi);

    /// <summary>The one appointment of a service, with its client's last name; fails when there is not exactly one.</summary>
    private async Task<BookingRow> BookingOfAsync(Guid service) =>
        Assert.Single(await App.InClinicAsync(db => db.QueryAsync<BookingRow>(
            """
            SELECT a.id AS Id, a.client_id AS ClientId, c.last_name AS LastName
            FROM booking_appointments a JOIN clients_clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
            WHERE a.tenant_id = @tenant_id AND a.service_id = @service
            """,
            new { service })));

    /// <summary>How many clients have a last name ending in <paramref name="tag"/>.</summary>
    private Task<long> ClientCountAsync(string tag) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name LIKE @pattern", new { pattern = "%" + tag }));

    private async Task<IReadOnlyList<JsonElement>> BookedEventsAsync(Guid appointment) => await App.BookingEventsAsync<AppointmentBooked>(appointment);

    internal sealed class BookingRow
    {
        public Guid Id { get; init; }

        public Guid ClientId { get; init; }

        public string LastName { get; init; } = "";
    }
}

public sealed class BookingRaceTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : BookingRaceTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class BookingRaceTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : BookingRaceTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

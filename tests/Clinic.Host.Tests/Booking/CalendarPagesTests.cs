using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>
/// The staff calendar as a browser without scripts sees it: the day view's provider columns, a provider's week and
/// today's list, all in the clinic's own time (Karachi, UTC+5), and one-tap check-in for those allowed to book.
/// </summary>
public abstract class CalendarPagesTests(BookingClinic clinic)
{
    private static readonly TimeOnly Nine = new(9, 0), Five = new(17, 0);

    [Fact]
    public async Task The_day_view_shows_an_appointment_in_its_providers_column_at_the_clinics_time_with_its_status_in_words()
    {
        var booked = await clinic.App.AddProviderAsync(Nine, Five);
        var other = await clinic.App.AddProviderAsync(Nine, Five);
        var service = await clinic.App.AddServiceAsync([booked, other]);
        var client = await clinic.App.AddBookableClientAsync();
        using var reception = await clinic.ReceptionAsync();
        var starts = clinic.KarachiDay(4, 10, 30);
        var id = await reception.BookedAsync(client, service, booked, starts);

        var (response, page) = await reception.GetPageAsync($"/schedule?date={Iso(starts)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(starts.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture), page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var cell = CellAt(page, "10:30", await NameOfAsync(booked));
        Assert.Contains("booked", cell.ClassList);
        Assert.Equal($"/appointments/{id}", cell.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("10:30–11:00", cell.QuerySelector(".when")!.TextContent);
        Assert.Equal(await ClientNameAsync(client), cell.QuerySelector(".who")!.TextContent);
        Assert.Equal("Confirmed", cell.QuerySelector(".badge")!.TextContent);
        Assert.Equal("2", cell.GetAttribute("rowspan"));
        // Beside it the other provider is free at that time, and the booked provider is free before it.
        var beside = CellAt(page, "10:30", await NameOfAsync(other));
        Assert.Contains("free", beside.ClassList);
        Assert.Contains($"providerId={other}", beside.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("free", CellAt(page, "10:00", await NameOfAsync(booked)).ClassList);
    }

    [Fact]
    public async Task A_free_time_on_the_day_view_opens_the_booking_form_with_that_provider_date_and_time_filled_in()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        await clinic.App.AddServiceAsync([provider]);
        var client = await clinic.App.AddBookableClientAsync();
        using var reception = await clinic.ReceptionAsync();
        var day = clinic.KarachiDay(5, 0);
        var (_, page) = await reception.GetPageAsync($"/schedule?date={Iso(day)}");

        var slot = Link(CellAt(page, "10:30", await NameOfAsync(provider)).QuerySelector("a")!);
        var (_, find) = await reception.GetPageAsync(slot.PathAndQuery);
        var (_, found) = await reception.GetPageAsync(FormQuery(find.QuerySelector("form.find-client")!, ("q", await ClientNameAsync(client))));
        var (_, form) = await reception.GetPageAsync(Link(found.QuerySelector("ul.choices a")!).PathAndQuery);

        Assert.Equal("/appointments/new", slot.AbsolutePath);
        Assert.Equal(
            [("date", Iso(day)), ("providerId", provider.ToString()), ("time", "10:30")],
            Query(slot).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.ToString())));
        Assert.NotNull(form.QuerySelector("form.book-appointment"));
        Assert.Equal(Iso(day), form.QuerySelector<IHtmlInputElement>("#date")!.Value);
        Assert.Equal("10:30", form.QuerySelector<IHtmlInputElement>("#time")!.Value);
        Assert.Equal(provider.ToString(), form.QuerySelector<IHtmlSelectElement>("#provider")!.Value);
    }

    [Fact]
    public async Task The_day_views_week_links_open_each_providers_week_around_the_day_shown()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        using var reception = await clinic.ReceptionAsync();
        var day = clinic.KarachiDay(40, 0);
        var name = await NameOfAsync(provider);
        var (_, page) = await reception.GetPageAsync($"/schedule?date={Iso(day)}");

        var link = Link(page.QuerySelectorAll(".week-links a").Single(a => a.TextContent.Trim() == name));
        var (response, week) = await reception.GetPageAsync(link.PathAndQuery);

        Assert.Equal("/schedule/week", link.AbsolutePath);
        Assert.Equal(
            [("date", Iso(day)), ("provider", provider.ToString())],
            Query(link).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.ToString())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Heading(day), week.QuerySelectorAll("table.calendar thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task A_day_the_clinic_is_closed_says_nobody_is_working_and_offers_nothing_to_book()
    {
        await clinic.App.AddProviderAsync(Nine, Five);
        var closed = DateOnly.FromDateTime(clinic.KarachiDay(250, 0).DateTime);
        await clinic.App.AddClosureAsync(closed, closed);
        using var reception = await clinic.ReceptionAsync();

        var (response, page) = await reception.GetPageAsync($"/schedule?date={closed:yyyy-MM-dd}");
        var (_, nextDay) = await reception.GetPageAsync($"/schedule?date={closed.AddDays(1):yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nobody is working", page.QuerySelector("p.empty")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("table.calendar"));
        Assert.Empty(page.QuerySelectorAll("a[href^='/appointments/new']"));
        // The day after is open, so the empty message is about the closure, not a page that never shows anyone.
        Assert.NotNull(nextDay.QuerySelector("table.calendar td.free a"));
    }

    [Theory]
    [InlineData("22-11-2026")]
    [InlineData("2026-02-30")]
    [InlineData("tomorrow")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_date_the_day_view_cannot_show_is_a_400_saying_what_a_date_looks_like(string date)
    {
        using var reception = await clinic.ReceptionAsync();

        var (response, page) = await reception.GetPageAsync($"/schedule?date={Uri.EscapeDataString(date)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2026-11-22", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("table.calendar"));
    }

    [Fact]
    public async Task The_week_view_shows_one_providers_appointments_on_their_days_and_no_one_elses()
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        var colleague = await clinic.App.AddProviderAsync(Nine, Five);
        var service = await clinic.App.AddServiceAsync([provider, colleague]);
        using var reception = await clinic.ReceptionAsync();
        var monday = MondayFrom(clinic.KarachiDay(14, 0));
        var first = await clinic.App.AddBookableClientAsync();
        var second = await clinic.App.AddBookableClientAsync();
        var colleagues = await clinic.App.AddBookableClientAsync();
        await reception.BookedAsync(first, service, provider, monday.AddHours(10));
        await reception.BookedAsync(second, service, provider, monday.AddDays(3).AddHours(14).AddMinutes(15));
        await reception.BookedAsync(colleagues, service, colleague, monday.AddDays(1).AddHours(10));

        // Opened on the Wednesday: the week runs Monday to Sunday around it.
        var (response, page) = await reception.GetPageAsync($"/schedule/week?provider={provider}&date={Iso(monday.AddDays(2))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await NameOfAsync(provider), page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var days = Enumerable.Range(0, 7).Select(d => monday.AddDays(d).ToString("ddd d MMM", CultureInfo.InvariantCulture));
        Assert.Equal(["Time", .. days], page.QuerySelectorAll("table.calendar thead th").Select(th => th.TextContent.Trim()));
        var mondays = CellAt(page, "10:00", Heading(monday));
        Assert.Equal(await ClientNameAsync(first), mondays.QuerySelector(".who")?.TextContent);
        var thursdays = CellAt(page, "14:15", Heading(monday.AddDays(3)));
        Assert.Equal("14:15–14:45", thursdays.QuerySelector(".when")?.TextContent);
        Assert.Equal(await ClientNameAsync(second), thursdays.QuerySelector(".who")?.TextContent);
        Assert.Contains("free", CellAt(page, "10:00", Heading(monday.AddDays(1))).ClassList);
        Assert.DoesNotContain(await ClientNameAsync(colleagues), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("table.calendar td.booked").Length);
    }

    [Theory]
    [InlineData("provider=not-a-guid", HttpStatusCode.BadRequest)]
    [InlineData("date=2026-11-22", HttpStatusCode.BadRequest)]
    [InlineData("provider={provider}&date=next-week", HttpStatusCode.BadRequest)]
    [InlineData("provider={provider}&date=0001-01-01", HttpStatusCode.BadRequest)]
    [InlineData("provider={provider}&date=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("provider={unknown}", HttpStatusCode.NotFound)]
    [InlineData("provider={client}", HttpStatusCode.NotFound)]
    public async Task The_week_view_answers_a_bad_or_unknown_provider_or_date_with_a_clear_4xx(string query, HttpStatusCode expected)
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        var client = await clinic.App.AddBookableClientAsync();
        using var reception = await clinic.ReceptionAsync();
        query = query.Replace("{provider}", provider.ToString(), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{client}", client.ToString(), StringComparison.Ordinal);

        var (response, page) = await reception.GetPageAsync($"/schedule/week?{query}");

        Assert.Equal(expected, response.StatusCode);
        // A 400 says what was wrong; a 404 is the site's own not-found page, which names nothing of the clinic's.
        Assert.False(
            string.IsNullOrWhiteSpace(expected == HttpStatusCode.NotFound ? page.QuerySelector("h1")?.TextContent : page.QuerySelector("[role=alert]")?.TextContent),
            "the refusal says why");
        Assert.Null(page.QuerySelector("table.calendar"));
    }

    [Fact]
    public async Task Todays_list_is_the_clinics_today_and_one_tap_checks_the_client_in_with_history_and_audit()
    {
        // 01:00 in Karachi is still the previous day in UTC: the list must follow the clinic's day, not the server's.
        clinic.SetNow(clinic.KarachiDay(1, 1));
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        var today = await clinic.App.AddBookableClientAsync();
        var tomorrow = await clinic.App.AddBookableClientAsync();
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(today, service, provider, clinic.KarachiDay(0, 10));
        await reception.BookedAsync(tomorrow, service, provider, clinic.KarachiDay(1, 4));
        var name = await ClientNameAsync(today);

        var (listed, before) = await reception.GetPageAsync("/schedule/today");
        HttpResponseMessage? pressed = null;
        var recorded = await clinic.App.RecordedDuringAsync(async () =>
            pressed = await PressAsync(reception, id, "CheckIn"));
        var (_, after) = await reception.GetPageAsync("/schedule/today");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var row = RowOf(before, name);
        Assert.Equal("10:00", row.Cells[0].TextContent.Trim());
        Assert.Equal("Confirmed", row.QuerySelector(".badge")!.TextContent);
        Assert.Equal($"Check in {name}", Assert.Single(row.QuerySelectorAll("button")).TextContent);
        Assert.DoesNotContain(await ClientNameAsync(tomorrow), before.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(pressed);
        Assert.True(pressed.IsRedirect(), $"answered {(int)pressed.StatusCode}");
        Assert.Equal("/schedule/today", pressed.RedirectTarget().AbsolutePath);
        Assert.Equal("CheckedIn", await clinic.App.StatusOfAsync(id));
        Assert.Equal("Checked in", RowOf(after, name).QuerySelector(".badge")!.TextContent);
        Assert.Null(RowOf(after, name).QuerySelector("button"));
        var audited = Assert.Single(recorded, r => r.Action == "appointments.checkin");
        Assert.Equal(today, audited.ClientId);
        Assert.Equal(id, audited.RecordId);
        var history = await clinic.App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT to_status FROM booking_appointment_changes WHERE appointment_id = @id AND tenant_id = @tenant_id ORDER BY changed_at, id", new { id }));
        Assert.Equal(["Confirmed", "CheckedIn"], history);
    }

    [Fact]
    public async Task Todays_list_offers_check_in_all_day_and_a_no_show_once_the_start_has_passed_behind_a_second_tap()
    {
        clinic.SetNow(clinic.KarachiDay(1, 8));
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        Guid started, later, arrived;
        using (var booking = await clinic.ReceptionAsync())
        {
            started = await booking.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(0, 8, 30));
            later = await booking.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(0, 11));
            arrived = await booking.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(0, 12));
            Assert.True((await booking.ChangeStatusAsync(arrived, "CheckIn")).IsRedirect());
        }

        clinic.Clock.Advance(TimeSpan.FromHours(1));
        // Signed in again: the idle session ended while the clock moved on.
        using var reception = await clinic.ReceptionAsync();
        var (_, page) = await reception.GetPageAsync("/schedule/today");
        var tooEarly = await PressAsync(reception, later, "MarkNoShow");
        var noShow = await PressAsync(reception, started, "MarkNoShow");

        // 09:00: the 08:30 client may be checked in or, with a second tap, marked a no-show; the 11:00 one only checked in.
        Assert.Equal(["CheckIn", "MarkNoShow"], Actions(page, started));
        Assert.Equal("Mark no-show", Row(page, started).QuerySelector("details.confirm > summary.btn-danger")?.FirstChild?.TextContent);
        Assert.NotNull(Row(page, started).QuerySelector("details.confirm button.btn-danger[value=MarkNoShow]"));
        Assert.NotNull(Row(page, started).QuerySelector("button.btn-primary[value=CheckIn]"));
        Assert.Equal(["CheckIn"], Actions(page, later));
        Assert.Empty(Actions(page, arrived));
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Contains("once the appointment has started", (await tooEarly.PageAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(later));
        Assert.True(noShow.IsRedirect(), $"answered {(int)noShow.StatusCode}");
        Assert.Equal("NoShow", await clinic.App.StatusOfAsync(started));
    }

    [Fact]
    public async Task Checking_in_an_appointment_that_is_not_on_todays_list_is_a_404_and_changes_nothing()
    {
        clinic.SetNow(clinic.KarachiDay(1, 8));
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        using var reception = await clinic.ReceptionAsync();
        var today = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(0, 11));
        var later = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(2, 11));

        // Today's row's own form, carrying another day's appointment.
        var pressed = await reception.SubmitAsync("/schedule/today", StaffForms.Fields(("Input.Id", later.ToString()), ("Input.Action", "CheckIn")), RowForm(today));

        Assert.Equal(HttpStatusCode.NotFound, pressed.StatusCode);
        Assert.Null((await pressed.PageAsync()).QuerySelector("table.data"));
        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(later));
    }

    [Fact]
    public async Task Todays_list_names_the_provider_of_a_cancelled_appointment_who_has_taken_the_day_off()
    {
        clinic.SetNow(clinic.KarachiDay(1, 8));
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        var client = await clinic.App.AddBookableClientAsync();
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(client, service, provider, clinic.KarachiDay(0, 12));
        Assert.True((await reception.CancelAsync(id, "Provider unwell")).IsRedirect());
        await clinic.App.AddExceptionAsync(provider, DateOnly.FromDateTime(clinic.KarachiDay(0, 0).DateTime), off: true);

        var (_, page) = await reception.GetPageAsync("/schedule/today");

        var row = RowOf(page, await ClientNameAsync(client));
        Assert.Equal("Cancelled", row.QuerySelector(".badge")?.TextContent);
        Assert.Equal(await NameOfAsync(provider), row.Cells[3].TextContent.Trim());
        Assert.Null(row.QuerySelector("button"));
    }

    [Fact]
    public async Task A_clinician_sees_the_calendar_without_booking_links_or_check_in_and_a_forged_check_in_is_refused()
    {
        clinic.SetNow(clinic.KarachiDay(1, 8));
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        var client = await clinic.App.AddBookableClientAsync();
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(client, service, provider, clinic.KarachiDay(0, 11));
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Roles.Clinician, BookingClinic.Password);
        using var clinician = clinic.App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);

        var (day, dayPage) = await clinician.GetPageAsync("/schedule");
        var (_, weekPage) = await clinician.GetPageAsync($"/schedule/week?provider={provider}");
        var (_, listPage) = await clinician.GetPageAsync("/schedule/today");
        // The form reception would post, with the clinician's own antiforgery token.
        var forged = await clinician.PostAsync("/schedule/today", StaffForms.Fields(
            ("_handler", $"change-{id}"), ("__RequestVerificationToken", await clinician.AntiforgeryTokenAsync("/schedule/today")),
            ("Input.Id", id.ToString()), ("Input.Action", "CheckIn")));

        Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        Assert.Equal("Confirmed", CellAt(dayPage, "11:00", await NameOfAsync(provider)).QuerySelector(".badge")?.TextContent);
        Assert.NotEmpty(dayPage.QuerySelectorAll("table.calendar td.free"));
        foreach (var page in new[] { dayPage, weekPage })
        {
            Assert.NotNull(page.QuerySelector("table.calendar td.booked"));
            Assert.Empty(page.QuerySelectorAll("a[href^='/appointments/new']"));
            Assert.Null(page.QuerySelector("#calendar-move"));
            Assert.Empty(page.QuerySelectorAll("a[draggable=true]"));
        }

        Assert.Equal("Confirmed", RowOf(listPage, await ClientNameAsync(client)).QuerySelector(".badge")?.TextContent);
        Assert.Empty(listPage.QuerySelectorAll("table.today-list button, table.today-list form"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Confirmed", await clinic.App.StatusOfAsync(id));
    }

    [Theory]
    [InlineData("/schedule")]
    [InlineData("/schedule/today")]
    [InlineData("/schedule/week?provider={provider}")]
    public async Task Staff_without_schedule_read_are_refused_the_calendar(string path)
    {
        var provider = await clinic.App.AddProviderAsync(Nine, Five);
        // A role the clinic's permissions grant nothing, e.g. one added for a book-keeper later.
        var email = $"bookkeeper-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, "Bookkeeper", BookingClinic.Password);
        using var bookkeeper = clinic.App.Browser();
        await bookkeeper.SignInAsync(email, BookingClinic.Password);

        var (response, page) = await bookkeeper.GetPageAsync(path.Replace("{provider}", provider.ToString(), StringComparison.Ordinal));

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied"),
            $"answered {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Null(page.QuerySelector("table"));
    }

    private static string Iso(DateTimeOffset local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RowForm(Guid appointment) => $"tr[data-appointment='{appointment}'] form";

    /// <summary>Presses an action's button in the appointment's row of today's list (the row's form carries its id).</summary>
    private static Task<HttpResponseMessage> PressAsync(ClinicClient staff, Guid appointment, string action) =>
        staff.SubmitAsync("/schedule/today", StaffForms.Fields(("Input.Action", action)), RowForm(appointment));

    private static IElement Row(IHtmlDocument page, Guid appointment) =>
        page.QuerySelector($"tr[data-appointment='{appointment}']") ?? throw new InvalidOperationException($"No row for {appointment} on today's list.");

    /// <summary>The actions a row's buttons post, in page order.</summary>
    private static List<string> Actions(IHtmlDocument page, Guid appointment) =>
        [.. Row(page, appointment).QuerySelectorAll("button[name='Input.Action']").Select(b => b.GetAttribute("value")!)];

    /// <summary>A link's address as a browser reads it from the parsed page, character references decoded once.</summary>
    private static Uri Link(IElement anchor) => new(new Uri("http://localhost"), anchor.GetAttribute("href"));

    private static Dictionary<string, StringValues> Query(Uri link) => QueryHelpers.ParseQuery(link.Query);

    /// <summary>The address a GET form goes to with its hidden fields and the given values, as a browser builds it.</summary>
    private static string FormQuery(IElement form, params (string Name, string Value)[] values) =>
        QueryHelpers.AddQueryString(
            form.GetAttribute("action")!,
            form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => KeyValuePair.Create(i.Name!, (string?)i.Value))
                .Concat(values.Select(v => KeyValuePair.Create(v.Name, (string?)v.Value))));

    private static string Heading(DateTimeOffset local) => local.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    private static DateTimeOffset MondayFrom(DateTimeOffset local) => local.AddDays((8 - (int)local.DayOfWeek) % 7);

    private Task<string> NameOfAsync(Guid staff) =>
        clinic.App.InClinicAsync(async db => (await db.ExecuteScalarAsync<string>("SELECT name FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staff", new { staff }))!);

    private Task<string> ClientNameAsync(Guid client) =>
        clinic.App.InClinicAsync(async db => (await db.ExecuteScalarAsync<string>(
            "SELECT first_name || ' ' || last_name FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client", new { client }))!);

    private static IHtmlTableRowElement RowOf(IHtmlDocument page, string client) =>
        page.QuerySelectorAll("table.data tbody tr").OfType<IHtmlTableRowElement>().SingleOrDefault(tr => tr.TextContent.Contains(client, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No row for {client} on today's list.");

    /// <summary>
    /// The calendar cell under a column heading at a local time, with rowspans laid out as a browser does, so a cell
    /// is found where it is drawn. Only half hours are labelled; times between count rows of the table's step on.
    /// </summary>
    private static IElement CellAt(IHtmlDocument page, string time, string heading)
    {
        var table = page.QuerySelector("table.calendar") ?? throw new InvalidOperationException("No calendar on the page.");
        var headings = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        var column = headings.IndexOf(heading);
        Assert.True(column > 0, $"No column '{heading}' in [{string.Join(", ", headings)}].");
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        var grid = new IElement?[rows.Count, headings.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in rows[r].Children)
            {
                while (grid[r, c] is not null)
                    c++;
                var span = int.Parse(cell.GetAttribute("rowspan") ?? "1", CultureInfo.InvariantCulture);
                for (var k = 0; k < span && r + k < rows.Count; k++)
                    grid[r + k, c] = cell;
                c++;
            }
        }

        var at = TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture);
        var label = new TimeOnly(at.Hour, at.Minute / 30 * 30);
        var labelled = rows.FindIndex(tr => tr.Children[0].TextContent.Trim() == label.ToString("HH:mm", CultureInfo.InvariantCulture));
        Assert.True(labelled >= 0, $"No row labelled {label}.");
        var index = labelled + ((at.Minute % 30) / int.Parse(table.GetAttribute("data-step")!, CultureInfo.InvariantCulture));
        return grid[index, column]!;
    }
}

public sealed class CalendarPagesTests_on_Sqlite(BookingClinicOnSqlite clinic) : CalendarPagesTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class CalendarPagesTests_on_Postgres(BookingClinicOnPostgres clinic) : CalendarPagesTests(clinic), IClassFixture<BookingClinicOnPostgres>;

using System.Globalization;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Data;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// A receptionist's day in a real browser: booking from a free time on the calendar, today's list on a phone, a
/// tablet and a desktop, and the calendar's statuses in colour as well as words. Times come from the app's own clock.
/// </summary>
public abstract partial class FrontDeskTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly (string Name, ViewportSize Size)[] Screens =
    [
        ("phone", new() { Width = 375, Height = 812 }),
        ("tablet", BrowserSession.Tablet),
        ("desktop", BrowserSession.Desktop),
    ];

    [Fact(Timeout = 90_000)]
    public async Task Reception_books_from_a_free_time_without_typing_the_date_or_time_again_and_the_week_link_keeps_the_week()
    {
        var app = fixture.App;
        var (owner, ownerName) = await app.OwnerWithHoursAsync();
        var day = (await app.TodayAsync()).AddDays(7);
        var service = $"Chemical peel {Guid.NewGuid().ToString("N")[..6]}";
        await app.AddServiceGivenByAsync(owner, service);
        var last = $"Rehman-{Guid.NewGuid().ToString("N")[..6]}";
        var client = await app.AddClientAsync("Ayesha", last, $"ayesha-{Guid.NewGuid():N}@example.com");

        await using var browser = await SignedInAsync(BrowserSession.Tablet);
        var page = browser.Page;
        await page.GotoAsync($"/schedule?date={Iso(day)}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Book with {ownerName} at 10:30", Exact = true }).ClickAsync();
        await page.GetByLabel("Who is the appointment for?").FillAsync(last);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find client" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ayesha {last}" }).ClickAsync();

        // The form holds the time chosen on the calendar: only the service is left to choose.
        await Expect(page.GetByLabel("Date")).ToHaveValueAsync(Iso(day));
        await Expect(page.GetByLabel("Start")).ToHaveValueAsync("10:30");
        await Expect(page.GetByLabel("Provider")).ToHaveValueAsync(owner.ToString());
        await page.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = $"{service} (30 min)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(AppointmentUrl());
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"{day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}, 10:30");
        var startsAt = await app.InClinicAsync(db => db.ExecuteScalarAsync<DateTimeOffset>(
            "SELECT starts_at FROM booking_appointments WHERE tenant_id = @tenant_id AND client_id = @client", new { client }));
        Assert.Equal(day.ToDateTime(new TimeOnly(10, 30)), TimeZoneInfo.ConvertTime(startsAt, await app.ClinicTimeZoneAsync()).DateTime);

        // Back on the day, its week link opens the owner's week around that day, not the current one.
        await page.GotoAsync($"/schedule?date={Iso(day)}");
        await Expect(page.Locator("table.calendar td.booked").Filter(new() { HasText = last })).ToContainTextAsync("10:30");
        await page.Locator(".week-links").GetByRole(AriaRole.Link, new() { Name = ownerName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"week of {Monday(day).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        await Expect(page.Locator("table.calendar td.booked").Filter(new() { HasText = last })).ToBeVisibleAsync();
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 120_000)]
    public async Task Todays_list_shows_every_column_and_only_allowed_actions_set_apart_on_a_phone_a_tablet_and_a_desktop()
    {
        var app = fixture.App;
        var (owner, _) = await app.OwnerWithHoursAsync();
        var service = await app.AddServiceGivenByAsync(owner, $"Microneedling {Guid.NewGuid().ToString("N")[..6]}");
        var (started, name) = await AddAppointmentAsync(app, owner, service, await StartedTodayAsync(app), "Confirmed");
        var (later, _) = await AddAppointmentAsync(app, owner, service, (await app.TodayAsync()).AddDays(2).ToDateTime(new TimeOnly(10, 0)), "Confirmed");

        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        var page = browser.Page;
        var row = page.Locator($"tr[data-appointment='{started}']");
        var checkIn = row.GetByRole(AriaRole.Button, new() { Name = $"Check in {name}" });
        var noShow = row.Locator("details.confirm > summary");
        foreach (var (screen, size) in Screens)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.GotoAsync("/schedule/today");

            // Every cell is on the screen, not scrolled off to the side; the two actions are full-size targets that do not touch.
            foreach (var cell in await row.Locator("td").AllAsync())
                await AssertOnScreenAsync(page, cell);
            await Expect(row.Locator(".badge")).ToHaveTextAsync("Confirmed");
            await Expect(noShow).ToHaveTextAsync($"Mark no-show {name}");
            var (tap, danger) = (await BoxAsync(checkIn), await BoxAsync(noShow));
            Assert.True(tap.Height >= 44 && tap.Width >= 44 && danger.Height >= 44 && danger.Width >= 44, $"On a {screen} a button is smaller than 44 px: {tap}, {danger}.");
            Assert.True(Gap(tap, danger) >= 12, $"On a {screen} Check in and Mark no-show are {Gap(tap, danger)} px apart.");
            Assert.NotEqual(await ColoursAsync(checkIn), await ColoursAsync(noShow));
            await browser.AssertNoHorizontalScrollAsync();
            await browser.AssertAccessibleAsync();
            await browser.ScreenshotAsync($"today-{screen}-{fixture.Provider}");
        }

        // A no-show takes a second, deliberate tap; check-in takes one.
        await noShow.ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Confirm no-show {name}" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"today-no-show-{fixture.Provider}");
        await checkIn.ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Checked in");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // An appointment on a later day offers no check-in and no no-show, only what can be done now.
        await page.GotoAsync($"/appointments/{later}");
        await Expect(page.GetByText("Cancel the appointment")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check in" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Mark no-show")).ToHaveCountAsync(0);
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 120_000)]
    public async Task The_day_view_and_the_booking_form_fit_every_screen_pass_axe_and_colour_each_status_its_own_way()
    {
        var app = fixture.App;
        var (owner, ownerName) = await app.OwnerWithHoursAsync();
        var day = (await app.TodayAsync()).AddDays(8);
        var service = await app.AddServiceGivenByAsync(owner, $"Laser facial {Guid.NewGuid().ToString("N")[..6]}");
        var (completed, _) = await AddAppointmentAsync(app, owner, service, day.ToDateTime(new TimeOnly(9, 0)), "Completed");
        var (confirmed, _) = await AddAppointmentAsync(app, owner, service, day.ToDateTime(new TimeOnly(11, 0)), "Confirmed");

        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        var page = browser.Page;
        foreach (var (screen, size) in Screens)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.GotoAsync($"/schedule?date={Iso(day)}");
            var done = page.Locator($"td.booked:has(a[data-appointment='{completed}']) > a");
            var coming = page.Locator($"td.booked:has(a[data-appointment='{confirmed}']) > a");
            await Expect(done.Locator(".badge")).ToHaveTextAsync("Completed");
            await Expect(coming.Locator(".badge")).ToHaveTextAsync("Confirmed");
            Assert.NotEqual(await ColoursAsync(done), await ColoursAsync(coming));
            await browser.AssertNoHorizontalScrollAsync();
            await browser.AssertAccessibleAsync();
            await browser.ScreenshotAsync($"day-{screen}-{fixture.Provider}");

            await page.GetByRole(AriaRole.Link, new() { Name = $"Book with {ownerName} at 14:00", Exact = true }).ClickAsync();
            await page.GetByLabel("Who is the appointment for?").FillAsync("Hina");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find client" }).ClickAsync();
            await page.Locator("ul.choices a").First.ClickAsync();
            await Expect(page.GetByLabel("Start")).ToHaveValueAsync("14:00");
            // Date and start sit side by side where there is room, and stay full-size fields on a phone.
            var (date, start) = (await BoxAsync(page.GetByLabel("Date")), await BoxAsync(page.GetByLabel("Start")));
            Assert.True(date.Height >= 44 && start.Height >= 44 && date.Width >= 140 && start.Width >= 140, $"On a {screen} the date is {date.Width}x{date.Height}, the start {start.Width}x{start.Height}.");
            Assert.True(size.Width < 600 || Math.Abs(start.Y - date.Y) < 1, $"On a {screen} the date is at y {date.Y}, the start at y {start.Y}.");
            await browser.AssertNoHorizontalScrollAsync();
            await browser.AssertAccessibleAsync();
            await browser.ScreenshotAsync($"booking-form-{screen}-{fixture.Provider}");
        }

        browser.AssertStayedOnThisMachine();
    }

    private async Task<BrowserSession> SignedInAsync(ViewportSize size)
    {
        var browser = await chromium.OpenAsync(fixture.App.Address, size);
        await browser.Page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(browser.Page).ToHaveURLAsync(browser.Url("/start"));
        return browser;
    }

    /// <summary>Wholly inside the viewport's width: neither cut off nor scrolled out of sight inside its container.</summary>
    private static async Task AssertOnScreenAsync(IPage page, ILocator element)
    {
        var box = await BoxAsync(element);
        var width = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= width + 0.5, $"{await element.InnerTextAsync()} is at x {box.X}-{box.X + box.Width} in a {width} px screen.");
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator element) =>
        await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not shown.");

    /// <summary>The space between two boxes, whichever way they are apart; 0 when they touch or overlap.</summary>
    private static float Gap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) => Math.Max(
        Math.Max(b.X - (a.X + a.Width), a.X - (b.X + b.Width)),
        Math.Max(b.Y - (a.Y + a.Height), a.Y - (b.Y + b.Height)));

    private static Task<string> ColoursAsync(ILocator element) =>
        element.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor, s.borderLeftColor].join(' '); }");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>A start today that has passed: half an hour ago on a five-minute mark, or midnight just after it.</summary>
    private static async Task<DateTime> StartedTodayAsync(ServedApp app)
    {
        var now = TimeZoneInfo.ConvertTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), await app.ClinicTimeZoneAsync()).DateTime;
        var halfAnHourAgo = now.AddMinutes(-30);
        var mark = halfAnHourAgo.Date.AddMinutes(Math.Floor(halfAnHourAgo.TimeOfDay.TotalMinutes / 5) * 5);
        return mark < now.Date ? now.Date : mark;
    }

    /// <summary>A new client's 30-minute appointment at a clinic-local time, in the given status, as the booking pages would leave it.</summary>
    private static async Task<(Guid Id, string Client)> AddAppointmentAsync(ServedApp app, Guid provider, Guid service, DateTime local, string status)
    {
        var last = $"Qureshi-{Guid.NewGuid().ToString("N")[..6]}";
        var client = await app.AddClientAsync("Hina", last, $"hina-{Guid.NewGuid():N}@example.com");
        var zone = await app.ClinicTimeZoneAsync();
        var startsAt = new DateTimeOffset(local, zone.GetUtcOffset(local));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Guid.CreateVersion7();
        await app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
            VALUES (@id, @tenant_id, @client, @service, @provider, @startsAt, @endsAt, @startsAt, @endsAt, @status, @now, @now)
            """,
            new { id, client, service, provider, startsAt, endsAt = startsAt.AddMinutes(30), status, now }));
        return (id, $"Hina {last}");
    }

    [GeneratedRegex(@"/appointments/[0-9a-f-]{36}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AppointmentUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class FrontDeskTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : FrontDeskTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class FrontDeskTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : FrontDeskTests(fixture, chromium), IClassFixture<PostgresServedApp>;

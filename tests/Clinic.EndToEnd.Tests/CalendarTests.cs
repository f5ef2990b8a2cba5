using Clinic.BuildingBlocks.Data;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The front desk's morning in a real browser on a tablet: today's appointment is on the day view in its provider's
/// column with its status in words, and one tap on today's list checks the client in.
/// </summary>
public abstract class CalendarTests(ServedAppFixture fixture, Chromium chromium)
{
    [Fact(Timeout = 60_000)]
    public async Task The_front_desk_sees_todays_appointment_on_the_calendar_and_checks_the_client_in()
    {
        var app = fixture.App;
        var last = $"Rehman-{Guid.NewGuid().ToString("N")[..6]}";
        var client = await app.AddClientAsync("Ayesha", last, $"ayesha-{Guid.NewGuid():N}@example.com");
        var service = await app.AddServiceAsync($"HydraFacial {Guid.NewGuid().ToString("N")[..6]}");
        var zone = await app.ClinicTimeZoneAsync();
        var now = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), zone);
        // Later today, on a quarter hour, unless the day is nearly over; then just after now.
        var starts = now.Hour < 22 ? new DateTimeOffset(now.Date.AddHours(now.Hour + 1), now.Offset) : now.AddMinutes(5);
        await app.BookAsync(client, service, starts);
        await GiveTheOwnerHoursTodayAsync(app, now);

        await using var browser = await chromium.OpenAsync(app.Address, BrowserSession.Tablet);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));
        // On a tablet the menu folds away; the schedule is the home page's first tile as well as a menu item.
        await page.GotoAsync("/schedule");

        var appointment = page.Locator("table.calendar td.booked").Filter(new() { HasText = last });
        await Expect(appointment).ToContainTextAsync("Confirmed");
        await Expect(appointment).ToContainTextAsync(starts.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("table.calendar td.free a").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"calendar-day-{fixture.Provider}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Today's list" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Check in Ayesha {last}" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = last });
        await Expect(row).ToContainTextAsync("Checked in");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await page.GotoAsync("/schedule");
        await Expect(page.Locator("table.calendar td.booked").Filter(new() { HasText = last })).ToContainTextAsync("Checked in");
        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }

    private static Task<int> GiveTheOwnerHoursTodayAsync(ClinicApp app, DateTimeOffset now) =>
        app.InClinicAsync(async db =>
        {
            var owner = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            return await db.ExecuteAsync(
                "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @owner, @weekday, 0, 1440)",
                new { id = Guid.CreateVersion7(), owner, weekday = (int)now.DayOfWeek });
        });
}

[Collection(ChromiumCollection.Name)]
public sealed class CalendarTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : CalendarTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class CalendarTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : CalendarTests(fixture, chromium), IClassFixture<PostgresServedApp>;

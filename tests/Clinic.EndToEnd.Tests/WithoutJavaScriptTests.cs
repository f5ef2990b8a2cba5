using System.Globalization;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// With scripts switched off, the staff app is plain links and forms (ADR 0034): signing in, moving between pages and
/// booking from a free time on the day view work as they do with enhanced navigation.
/// </summary>
public abstract class WithoutJavaScriptTests(ServedAppFixture fixture, Chromium chromium)
{
    [Fact(Timeout = 90_000)]
    public async Task Reception_signs_in_and_books_from_the_day_view_with_scripts_off()
    {
        var app = fixture.App;
        var (owner, ownerName) = await app.OwnerWithHoursAsync();
        var service = $"Chemical peel {Guid.NewGuid().ToString("N")[..6]}";
        await app.AddServiceGivenByAsync(owner, service);
        var last = $"Rehman-{Guid.NewGuid().ToString("N")[..6]}";
        await app.AddClientAsync("Ayesha", last, $"ayesha-{Guid.NewGuid():N}@example.com");
        var day = (await app.TodayAsync()).AddDays(1);

        await using var browser = await chromium.OpenAsync(app.Address, BrowserSession.Tablet, javaScript: false);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));
        Assert.True(await browser.HasSessionCookieAsync());

        await page.Locator("details.nav-toggle summary").ClickAsync();
        await page.Locator("details.nav-toggle").GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await page.GetByLabel("Go to date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Book with {ownerName} at 11:00", Exact = true }).ClickAsync();
        await page.GetByLabel("Who is the appointment for?").FillAsync(last);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find client" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ayesha {last}" }).ClickAsync();
        await page.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = $"{service} (30 min)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"{day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}, 11:00");
        await page.GotoAsync($"/schedule?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await Expect(page.Locator("table.calendar td.booked").Filter(new() { HasText = last })).ToContainTextAsync("11:00");
        browser.AssertStayedOnThisMachine();
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class WithoutJavaScriptTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : WithoutJavaScriptTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class WithoutJavaScriptTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : WithoutJavaScriptTests(fixture, chromium), IClassFixture<PostgresServedApp>;

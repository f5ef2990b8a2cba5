using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>Clinicians chart on tablets: at 820x1180 the sidebar gives way to a Menu disclosure, and pages fit the width.</summary>
public abstract class TabletLayoutTests(ServedAppFixture fixture, Chromium chromium)
{
    [Fact(Timeout = 30_000)]
    public async Task On_a_tablet_the_menu_replaces_the_sidebar_and_nothing_scrolls_sideways()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Tablet);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));

        // The sidebar is in the page but hidden at this width; the closed menu shows only its summary.
        var sidebar = page.Locator("nav.sidebar[aria-label='Main']");
        await Expect(sidebar).ToHaveCountAsync(1);
        await Expect(sidebar).ToBeHiddenAsync();
        var menu = page.Locator("details.nav-toggle");
        var summary = menu.Locator("summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToHaveTextAsync("Menu");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"tablet-start-{fixture.Provider}");

        // Opening the menu shows the same links as the sidebar.
        await summary.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("open", "");
        foreach (var link in StaffShellTests.MainLinks)
            await Expect(menu.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"tablet-menu-{fixture.Provider}");

        // Choosing a link opens the page, and the menu is closed there.
        await menu.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/clients"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true })).ToBeHiddenAsync();
        await browser.AssertNoHorizontalScrollAsync();

        browser.AssertStayedOnThisMachine();
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class TabletLayoutTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : TabletLayoutTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class TabletLayoutTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : TabletLayoutTests(fixture, chromium), IClassFixture<PostgresServedApp>;

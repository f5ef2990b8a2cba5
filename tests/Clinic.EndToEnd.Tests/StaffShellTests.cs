using System.Text.RegularExpressions;
using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>The staff shell's main flow in a real browser: sign-in (wrong, then right), navigation, sign-out.</summary>
public abstract partial class StaffShellTests(ServedAppFixture fixture, Chromium chromium)
{
    internal static readonly string[] MainLinks = ["Schedule", "Clients", "Charts", "Billing"];

    [Fact(Timeout = 30_000)]
    public async Task The_owner_signs_in_opens_clients_and_signs_out()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;

        // Signed out, the app's root sends the person to sign in.
        await page.GotoAsync("/start");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();

        // A wrong password is refused with an alert, and no session starts.
        await browser.SubmitSignInAsync(password: "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        Assert.False(await browser.HasSessionCookieAsync(), "A wrong password started a session.");

        // The right password lands on the start page with the main navigation.
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome", Level = 1 })).ToBeVisibleAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav).ToBeVisibleAsync();
        foreach (var link in MainLinks)
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"main-flow-start-{fixture.Provider}");

        // The navigation leads to the client directory, marked as the current page.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/clients"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await browser.ScreenshotAsync($"main-flow-clients-{fixture.Provider}");

        // Signing out ends the session: back at sign-in, and the pages ask for it again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.False(await browser.HasSessionCookieAsync(), "The session cookie outlived sign-out.");
        await page.GotoAsync("/clients");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await browser.ScreenshotAsync($"main-flow-signed-out-{fixture.Provider}");

        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 30_000)]
    public async Task The_start_page_shows_each_area_as_its_own_tile()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));

        // Each tile is a link a person can read and tap: visible, and not stacked over another tile.
        var main = page.GetByRole(AriaRole.Main);
        var tiles = new List<(string Name, LocatorBoundingBoxResult Box)>();
        foreach (var name in MainLinks)
        {
            var tile = main.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            await Expect(tile).ToBeVisibleAsync();
            tiles.Add((name, (await tile.BoundingBoxAsync())!));
        }

        foreach (var (name, box) in tiles)
        {
            foreach (var (other, otherBox) in tiles.Where(t => t.Name != name))
            {
                var overlaps = box.X < otherBox.X + otherBox.Width && otherBox.X < box.X + box.Width
                    && box.Y < otherBox.Y + otherBox.Height && otherBox.Y < box.Y + box.Height;
                Assert.False(overlaps, $"The start page's '{name}' tile overlaps the '{other}' tile.");
            }
        }
    }

    [GeneratedRegex(@"/sign-in(?:\?|$)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SignInUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class StaffShellTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : StaffShellTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class StaffShellTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : StaffShellTests(fixture, chromium), IClassFixture<PostgresServedApp>;

using System.Globalization;
using System.Text.RegularExpressions;
using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The client portal's main flow in a real browser: a client asks for a sign-in link, follows it once, sees their own
/// upcoming appointment and details (no one else's, nothing past), and signs out; a used link signs no one in.
/// </summary>
public abstract partial class ClientPortalTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly ViewportSize PortraitTablet = new() { Width = 768, Height = 1024 };
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact(Timeout = 60_000)]
    public async Task A_client_signs_in_with_the_emailed_link_sees_only_their_upcoming_appointment_and_signs_out()
    {
        var app = fixture.App;
        const string email = "mahnoor.siddiqui@example.com";
        var client = await app.AddClientAsync("Mahnoor", "Siddiqui", email);
        var other = await app.AddClientAsync("Bilal", "Chaudhry", "bilal.chaudhry@example.com");
        var hydrafacial = await app.AddServiceAsync("Hydrafacial");
        var peel = await app.AddServiceAsync("Chemical peel");
        var laser = await app.AddServiceAsync("Laser hair removal");
        // 06:00 UTC is 11:00 at a clinic in Karachi: the page must show the clinic's time, not the server's.
        var upcoming = new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(4).AddHours(6), TimeSpan.Zero);
        await app.BookAsync(client, hydrafacial, upcoming);
        await app.BookAsync(client, peel, app.Clock.GetUtcNow().AddDays(-20));
        await app.BookAsync(other, laser, app.Clock.GetUtcNow().AddDays(2));
        var zone = await app.ClinicTimeZoneAsync();
        var clinicTime = TimeZoneInfo.ConvertTime(upcoming, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        Assert.NotEqual(TimeSpan.Zero, zone.GetUtcOffset(upcoming));

        await using var browser = await chromium.OpenAsync(app.Address, BrowserSession.Desktop);
        var page = browser.Page;
        var link = await AskForLinkAsync(browser, email);
        await FollowLinkAsync(browser, link);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Mahnoor", Level = 1 })).ToBeVisibleAsync();
        var appointments = page.GetByRole(AriaRole.Region, new() { Name = "Upcoming appointments" }).GetByRole(AriaRole.Listitem);
        await Expect(appointments).ToHaveCountAsync(1);
        await Expect(appointments).ToContainTextAsync("Hydrafacial");
        await Expect(appointments).ToContainTextAsync(clinicTime);
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main).Not.ToContainTextAsync("Chemical peel");
        await Expect(main).Not.ToContainTextAsync("Laser hair removal");
        await Expect(main).Not.ToContainTextAsync("Bilal");
        var details = page.GetByRole(AriaRole.Region, new() { Name = "Your details" });
        await Expect(details).ToContainTextAsync("Mahnoor Siddiqui");
        await Expect(details).ToContainTextAsync(email);
        await Expect(details).ToContainTextAsync("+923001234567");
        await browser.ScreenshotAsync($"portal-home-{fixture.Provider}");

        // The link worked once; whoever opens it again, say from a forwarded email, is not signed in.
        await using (var again = await chromium.OpenAsync(app.Address, BrowserSession.Desktop))
        {
            var reopened = await again.Page.GotoAsync(link);
            Assert.Equal(410, reopened!.Status);
            await Expect(again.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("expired or has already been used");
            await Expect(again.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to your appointments" })).ToHaveCountAsync(0);
            await again.Page.GotoAsync("/portal");
            await Expect(again.Page).ToHaveURLAsync(PortalSignInUrl());
            again.AssertStayedOnThisMachine();
        }

        // Signing out ends the session: back at sign-in, and the portal asks for it again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PortalSignInUrl());
        Assert.False(await HasPortalCookieAsync(browser), "The portal cookie outlived sign-out.");
        await page.GotoAsync("/portal");
        await Expect(page).ToHaveURLAsync(PortalSignInUrl());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" })).ToBeVisibleAsync();

        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 60_000)]
    public async Task On_a_tablet_or_a_phone_the_portal_and_its_sign_in_page_fit_the_screen()
    {
        var app = fixture.App;
        const string email = "areeba.farooq.skincare@example.com";
        var client = await app.AddClientAsync("Areeba", "Farooq", email);
        await app.BookAsync(client, await app.AddServiceAsync("Microneedling with PRP"), app.Clock.GetUtcNow().AddDays(3));

        await using var browser = await chromium.OpenAsync(app.Address, PortraitTablet);
        var page = browser.Page;
        await page.GotoAsync("/portal");
        await Expect(page).ToHaveURLAsync(PortalSignInUrl());
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"portal-tablet-sign-in-{fixture.Provider}");

        await FollowLinkAsync(browser, await AskForLinkAsync(browser, email));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Areeba", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"portal-tablet-home-{fixture.Provider}");

        // Clients mostly come from the emailed link on their phones, where a long email address must wrap.
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your details" })).ToContainTextAsync(email);
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"portal-phone-home-{fixture.Provider}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PortalSignInUrl());
        await browser.AssertNoHorizontalScrollAsync();

        browser.AssertStayedOnThisMachine();
    }

    /// <summary>From the portal's address to the "link is on its way" answer; returns the link the email carries.</summary>
    private async Task<string> AskForLinkAsync(BrowserSession browser, string email)
    {
        var page = browser.Page;
        await page.GotoAsync("/portal");
        await Expect(page).ToHaveURLAsync(PortalSignInUrl());
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("a sign-in link is on its way");

        // The link goes to the address the client used, so it opens in their browser.
        var link = await fixture.App.SignInLinkForAsync(email);
        Assert.StartsWith(browser.Url("/portal/link/"), link, StringComparison.Ordinal);
        return link;
    }

    private static async Task FollowLinkAsync(BrowserSession browser, string link)
    {
        var page = browser.Page;
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to your appointments" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/portal"));
        Assert.True(await HasPortalCookieAsync(browser), "The link was accepted but no portal session started.");
    }

    private static async Task<bool> HasPortalCookieAsync(BrowserSession browser) =>
        (await browser.Context.CookiesAsync([browser.Address.ToString()])).Any(c => c.Name == "clinic.portal");

    [GeneratedRegex(@"/portal/sign-in(?:\?|$)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PortalSignInUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class ClientPortalTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : ClientPortalTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class ClientPortalTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : ClientPortalTests(fixture, chromium), IClassFixture<PostgresServedApp>;

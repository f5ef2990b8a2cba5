using Clinic.BuildingBlocks.Web;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The cookie banner in a real browser: it greets a first visit, "Reject all" leaves only strictly necessary cookies,
/// withdrawal removes a category's cookies, the form works with scripts off, GPC turns tracking off, the policy table
/// is the registry, and a walk through the main flows finds no cookie that is undeclared or set before its consent.
/// </summary>
public abstract class CookieConsentTests(ServedAppFixture fixture, Chromium chromium)
{
    private const string Banner = "section.cookie-banner";

    private IReadOnlyList<CookieDeclaration> Declared => [.. fixture.App.Services.GetServices<CookieDeclaration>()];

    [Fact(Timeout = 60_000)]
    public async Task A_first_visit_shows_the_banner_and_reject_all_leaves_only_strictly_necessary_cookies()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;
        await page.GotoAsync("/cookies");

        var banner = page.Locator(Banner);
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = "Accept all" })).ToBeVisibleAsync();
        await Expect(banner.GetByText("Customise", new() { Exact = true })).ToBeVisibleAsync();
        await banner.GetByRole(AriaRole.Button, new() { Name = "Reject all" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(browser.Url("/cookies"));
        await Expect(page.Locator(Banner)).ToHaveCountAsync(0);
        var cookies = await browser.Context.CookiesAsync([browser.Address.ToString()]);
        Assert.Contains(cookies, c => c.Name == "clinic.consent");
        Assert.All(cookies, c => Assert.Equal(CookieCategory.StrictlyNecessary, CategoryOf(c.Name)));

        // A preference cookie a script set anyway is deleted in the browser on the next page.
        await page.EvaluateAsync("() => { document.cookie = 'clinic.calendar_view=week; Path=/'; }");
        Assert.True(await HasCookieAsync(browser, "clinic.calendar_view"));
        await page.GotoAsync("/cookies/settings");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You allowed strictly necessary cookies only.");
        Assert.False(await HasCookieAsync(browser, "clinic.calendar_view"), "The page's script left a cookie whose category was refused.");
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 60_000)]
    public async Task Withdrawing_preferences_removes_the_calendar_cookie()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;
        await page.GotoAsync("/sign-in");
        await page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));
        await page.GotoAsync($"/schedule/week?provider={await OwnerIdAsync()}");
        Assert.True(await HasCookieAsync(browser, "clinic.calendar_view"), "Preference consent was given but the calendar did not remember its view.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cookie settings" }).ClickAsync();
        await page.GetByLabel("Preferences").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Analytics, Third-party");
        Assert.False(await HasCookieAsync(browser, "clinic.calendar_view"), "The calendar cookie outlived the withdrawal of preference consent.");
        await page.GotoAsync("/schedule");
        await Expect(page).ToHaveURLAsync(browser.Url("/schedule"));
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 60_000)]
    public async Task With_scripts_off_the_banner_form_still_records_a_customised_choice()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop, javaScript: false);
        var page = browser.Page;
        await page.GotoAsync("/cookies");

        await page.Locator(Banner).GetByText("Customise", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Preferences").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();

        await Expect(page.Locator(Banner)).ToHaveCountAsync(0);
        await page.GotoAsync("/cookies/settings");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You allowed strictly necessary cookies and: Preferences.");
        await Expect(page.GetByLabel("Preferences")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Analytics")).Not.ToBeCheckedAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_browser_with_global_privacy_control_is_told_so_and_accept_all_leaves_tracking_off()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await browser.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
        var page = browser.Page;
        await page.GotoAsync("/cookies");

        var notice = page.Locator(Banner).Locator("[data-cookie-gpc]");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Global Privacy Control");
        await page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();

        await page.GotoAsync("/cookies/settings");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You allowed strictly necessary cookies and: Preferences.");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_browser_sending_sec_gpc_with_scripts_off_is_told_so_by_the_server()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop, javaScript: false);
        await browser.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>(StringComparer.Ordinal) { ["Sec-GPC"] = "1" });
        var page = browser.Page;
        await page.GotoAsync("/cookies");

        await Expect(page.Locator(Banner).Locator("[data-cookie-gpc]")).ToBeVisibleAsync();
        await page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();

        await page.GotoAsync("/cookies/settings");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You allowed strictly necessary cookies and: Preferences.");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_cookie_policy_table_is_the_registry()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Tablet);
        await browser.Page.GotoAsync("/cookies");

        var names = await browser.Page.Locator("table.cookie-registry tbody tr td:first-child").AllTextContentsAsync();

        Assert.Equal(Declared.Select(d => d.Name).Order(StringComparer.Ordinal), names.Select(n => n.Trim()).Order(StringComparer.Ordinal));
        await browser.AssertNoHorizontalScrollAsync();
    }

    [Theory(Timeout = 120_000)]
    [InlineData("Reject all")]
    [InlineData("Accept all")]
    public async Task Walking_the_main_flows_sets_no_undeclared_cookie_and_none_before_its_consent(string choice)
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;
        var consented = new HashSet<CookieCategory> { CookieCategory.StrictlyNecessary };
        string[] publicPages = ["/", "/about", "/book", "/consultation", "/cookies", "/portal/sign-in", "/sign-in"];

        foreach (var path in publicPages)
        {
            await page.GotoAsync(path);
            await AssertCookiesAllowedAsync(browser, consented, path);
        }

        await page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = choice }).ClickAsync();
        if (choice == "Accept all")
            consented.UnionWith([CookieCategory.Preferences, CookieCategory.Analytics, CookieCategory.ThirdParty]);
        await AssertCookiesAllowedAsync(browser, consented, "the banner");

        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));
        foreach (var path in new[] { "/start", "/schedule", $"/schedule/week?provider={await OwnerIdAsync()}", "/schedule", "/schedule/today", "/cookies/settings" })
        {
            await page.GotoAsync(path);
            await AssertCookiesAllowedAsync(browser, consented, path);
        }

        Assert.Equal(choice == "Accept all", await HasCookieAsync(browser, "clinic.calendar_view"));
        browser.AssertStayedOnThisMachine();
    }

    private async Task AssertCookiesAllowedAsync(BrowserSession browser, HashSet<CookieCategory> consented, string where)
    {
        foreach (var cookie in await browser.Context.CookiesAsync())
        {
            var category = CategoryOf(cookie.Name);
            Assert.True(category is not null, $"After {where} the browser holds {cookie.Name} (for {cookie.Domain}), which no module declares.");
            Assert.True(consented.Contains(category!.Value), $"After {where} the browser holds {cookie.Name}, a {category} cookie, without consent to that.");
        }
    }

    private CookieCategory? CategoryOf(string name) => Declared.FirstOrDefault(d => d.Name == name)?.Category;

    private static async Task<bool> HasCookieAsync(BrowserSession browser, string name) =>
        (await browser.Context.CookiesAsync([browser.Address.ToString()])).Any(c => c.Name == name);

    private Task<Guid> OwnerIdAsync() =>
        fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1"));
}

[Collection(ChromiumCollection.Name)]
public sealed class CookieConsentTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : CookieConsentTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class CookieConsentTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : CookieConsentTests(fixture, chromium), IClassFixture<PostgresServedApp>;

using System.Diagnostics;
using Clinic.BuildingBlocks.Web;
using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// Cookieless analytics in a real browser: its script stays inert until analytics is allowed, "Accept all" counts the
/// page view, and "Reject all" or Global Privacy Control sends nothing to the analytics endpoint at all.
/// </summary>
public abstract class WebsiteAnalyticsTests(ServedAppFixture fixture, Chromium chromium)
{
    private const string Banner = "section.cookie-banner";
    private const string Inert = "script[type='text/plain'][data-category='analytics']";

    [Fact(Timeout = 60_000)]
    public async Task The_analytics_script_does_not_run_before_consent_and_runs_after_accept_all()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var requests = Record(browser.Page);
        await browser.Page.GotoAsync("/consultation");
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Expect(browser.Page.Locator(Inert)).ToHaveCountAsync(1);
        Assert.DoesNotContain(requests, r => r.EndsWith("/analytics.js", StringComparison.Ordinal) || r.EndsWith("/analytics/view", StringComparison.Ordinal));
        await browser.Page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Expect(browser.Page.Locator(Inert)).ToHaveCountAsync(0);
        await Expect(browser.Page.Locator("script[src$='/analytics.js']:not([type])")).ToHaveCountAsync(1);
        Assert.Contains(requests, r => r.EndsWith("/analytics.js", StringComparison.Ordinal));
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 60_000)]
    public async Task Accept_all_counts_the_page_view()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var requests = Record(browser.Page);
        var before = await ViewsAsync("/book");
        await browser.Page.GotoAsync("/book");

        await browser.Page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(browser.Url("/book"));
        Assert.Equal(before + 1, await EventuallyAsync(() => ViewsAsync("/book"), before + 1));
        Assert.Single(requests, r => r.EndsWith("/analytics/view", StringComparison.Ordinal));
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), c => CategoryOf(c.Name) != CookieCategory.StrictlyNecessary && CategoryOf(c.Name) != CookieCategory.Preferences);

        await using var owner = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Tablet);
        await owner.Page.GotoAsync("/sign-in");
        await owner.SubmitSignInAsync();
        await owner.Page.GetByRole(AriaRole.Link, new() { Name = "Website visits" }).First.ClickAsync();
        await Expect(owner.Page.Locator("table.analytics-pages tbody tr").Filter(new() { HasText = "/book" })).ToContainTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(owner.Page.GetByRole(AriaRole.Img, new() { Name = "Page views per day" })).ToBeVisibleAsync();
        await owner.AssertNoHorizontalScrollAsync();
        await owner.ScreenshotAsync("website-visits-tablet");
    }

    [Fact(Timeout = 60_000)]
    public async Task Reject_all_sends_nothing_to_the_analytics_endpoint_and_sets_only_strictly_necessary_cookies()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var requests = Record(browser.Page);
        await browser.Page.GotoAsync("/book");

        await browser.Page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Reject all" }).ClickAsync();
        await browser.Page.GotoAsync("/consultation");
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Expect(browser.Page.Locator(Inert)).ToHaveCountAsync(1);
        Assert.DoesNotContain(requests, r => r.Contains("/analytics", StringComparison.Ordinal));
        var cookies = await browser.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "clinic.consent");
        Assert.All(cookies, c => Assert.Equal(CookieCategory.StrictlyNecessary, CategoryOf(c.Name)));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("navigator.globalPrivacyControl")]
    [InlineData("Sec-GPC header")]
    public async Task Global_privacy_control_keeps_analytics_off_even_after_accept_all(string signal)
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        if (signal == "Sec-GPC header")
            await browser.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>(StringComparer.Ordinal) { ["Sec-GPC"] = "1" });
        else
            await browser.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
        var requests = Record(browser.Page);
        await browser.Page.GotoAsync("/book");

        await browser.Page.Locator(Banner).GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();
        await browser.Page.GotoAsync("/consultation");
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Expect(browser.Page.Locator(Inert)).ToHaveCountAsync(1);
        Assert.DoesNotContain(requests, r => r.Contains("/analytics", StringComparison.Ordinal));
    }

    // Every request the page makes, scripts and beacons included, by URL.
    private static List<string> Record(IPage page)
    {
        var urls = new List<string>();
        page.Request += (_, request) =>
        {
            lock (urls)
                urls.Add(new Uri(request.Url).AbsolutePath);
        };
        return urls;
    }

    private CookieCategory? CategoryOf(string name) =>
        fixture.App.Services.GetServices<CookieDeclaration>().FirstOrDefault(d => d.Name == name)?.Category;

    private Task<long> ViewsAsync(string path) =>
        fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(views), 0) FROM cookies_page_views WHERE tenant_id = @tenant_id AND path = @path", new { path }));

    // A beacon is sent as the page settles; the count is read until it arrives or five seconds pass.
    private static async Task<long> EventuallyAsync(Func<Task<long>> read, long expected)
    {
        var waited = Stopwatch.StartNew();
        var value = await read();
        while (value != expected && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class WebsiteAnalyticsTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : WebsiteAnalyticsTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class WebsiteAnalyticsTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : WebsiteAnalyticsTests(fixture, chromium), IClassFixture<PostgresServedApp>;

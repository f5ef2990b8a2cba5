using System.Globalization;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The harness behind the navigation figures in docs/performance.md: the same walk between the day view, the client
/// list, a client's profile and the messages, once with enhanced navigation and once with every link opted out of it
/// (data-enhance-nav="false"), so that each page loads in full as before ADR 0034 (the framework's script, kept in the
/// browser's cache, still runs on each load). No request is intercepted, as interception would slow every request of
/// the full loads. It checks that every page arrived and which way;
/// the times go to the test output and to bin/…/navigation-timings.txt. More rounds: CLINIC_NAVIGATION_ROUNDS=25.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class NavigationTimingTests(SqliteServedApp fixture, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<SqliteServedApp>
{
    private const string RoundsVariable = "CLINIC_NAVIGATION_ROUNDS";

    [Fact(Timeout = 300_000)]
    public async Task A_walk_through_the_staff_app_is_timed_with_and_without_enhanced_navigation()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable(RoundsVariable), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var last = $"Siddiqui-{Guid.NewGuid().ToString("N")[..6]}";
        await fixture.App.AddClientAsync("Mahnoor", last, $"mahnoor-{Guid.NewGuid():N}@example.com");

        var enhanced = await WalkAsync(last, rounds, enhanced: true);
        var fullLoads = await WalkAsync(last, rounds, enhanced: false);

        var report = string.Join(Environment.NewLine,
            $"Load average before: {LoadAverage()}; {rounds} round(s) of 4 clicks after one warm-up round; Chromium {chromium.Version}",
            enhanced.Describe("Enhanced navigation"),
            fullLoads.Describe("Full page loads (links opted out)"),
            $"Load average after: {LoadAverage()}");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "navigation-timings.txt"), report);
        Assert.Equal(4 * rounds, enhanced.Laps.Count);
        Assert.Equal(4 * rounds, fullLoads.Laps.Count);
    }

    private async Task<NavigationStopwatch> WalkAsync(string client, int rounds, bool enhanced)
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        if (!enhanced)
        {
            // Before the framework's own click handler looks at the link, which it does after the capture phase.
            await browser.Context.AddInitScriptAsync(
                "document.addEventListener('click', e => e.target instanceof Element && e.target.closest('a')?.setAttribute('data-enhance-nav', 'false'), true);");
        }

        var stopwatch = await NavigationStopwatch.StartAsync(browser);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));
        await page.GotoAsync("/schedule");
        await page.EvaluateAsync("() => { window.clinicSameDocument = true; }");

        for (var round = 0; round <= rounds; round++)
        {
            var counted = round > 0;
            await stopwatch.ClickAsync(Menu(page, "Clients"), "Clients", counted);
            await stopwatch.ClickAsync(page.Locator("main table").GetByRole(AriaRole.Link).Filter(new() { HasText = client }), "Mahnoor " + client, counted);
            await stopwatch.ClickAsync(Menu(page, "Messages"), "Messages", counted);
            await stopwatch.ClickAsync(Menu(page, "Schedule"), "Schedule", counted);
        }

        // The walk went the way it was meant to: one document throughout, or a new one per page.
        Assert.Equal(enhanced, await page.EvaluateAsync<bool>("() => window.clinicSameDocument === true"));
        return stopwatch;
    }

    private static ILocator Menu(IPage page, string name) =>
        page.Locator("nav.sidebar").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

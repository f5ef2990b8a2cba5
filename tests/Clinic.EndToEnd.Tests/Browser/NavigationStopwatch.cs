using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>
/// Times a walk through the staff app by links, in the browser's own clock: from the click on a link to the frame
/// after the next page's main heading appears. A full page load and an enhanced navigation are timed the same way, so
/// the two can be compared (docs/performance.md). It measures; it asserts nothing about how long anything took.
/// </summary>
internal sealed class NavigationStopwatch
{
    // Runs in every document the tab loads. The click time survives a full load in sessionStorage; the heading is
    // watched through every change, whether the parser or an enhanced navigation makes it.
    private const string Probe = """
        (() => {
          const now = () => performance.timeOrigin + performance.now();
          document.addEventListener('click', e => {
            if (e.target instanceof Element && e.target.closest('a')) sessionStorage.setItem('clinic.clickedAt', String(now()));
          }, true);
          let seen = null;
          new MutationObserver(() => {
            const heading = document.querySelector('main h1');
            const text = heading ? heading.textContent.trim() : null;
            if (text && text !== seen) {
              seen = text;
              requestAnimationFrame(() => { window.clinicShown = { text, at: now() }; });
            }
          }).observe(document, { childList: true, subtree: true, characterData: true });
        })();
        """;

    private readonly IPage _page;
    private readonly List<(string Page, double Milliseconds)> _laps = [];
    private int _requests;
    private int _clicks;

    private NavigationStopwatch(IPage page)
    {
        _page = page;
        _page.Request += (_, _) => Interlocked.Increment(ref _requests);
    }

    public IReadOnlyList<(string Page, double Milliseconds)> Laps => _laps;

    /// <summary>Watches every page the session loads from now on; call before the first page.</summary>
    public static async Task<NavigationStopwatch> StartAsync(BrowserSession browser)
    {
        await browser.Context.AddInitScriptAsync(Probe);
        return new NavigationStopwatch(browser.Page);
    }

    /// <summary>Clicks the link, waits for a main heading containing <paramref name="heading"/>, and notes the time between.</summary>
    public async Task ClickAsync(ILocator link, string heading, bool counted = true)
    {
        if (_clicks++ == 0)
            Interlocked.Exchange(ref _requests, 0);
        await link.ClickAsync();
        await Expect(_page.Locator("main h1")).ToContainTextAsync(heading);
        var shown = await _page.WaitForFunctionAsync(
            "heading => window.clinicShown && window.clinicShown.text.includes(heading) && sessionStorage.getItem('clinic.clickedAt') " +
            "&& window.clinicShown.at - Number(sessionStorage.getItem('clinic.clickedAt'))",
            heading);
        if (counted)
            _laps.Add((heading, (await shown.JsonValueAsync<JsonElement>()).GetDouble()));
    }

    /// <summary>The median of the laps, in milliseconds.</summary>
    public static double Median(IEnumerable<double> laps)
    {
        var sorted = laps.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One line per page and one for all: median, fastest, slowest and count; then requests per click.</summary>
    public string Describe(string mode)
    {
        static string Line(string name, IReadOnlyCollection<double> ms) => string.Create(CultureInfo.InvariantCulture,
            $"  {name,-28} median {Median(ms),6:0.0} ms  min {ms.Min(),6:0.0}  max {ms.Max(),6:0.0}  n {ms.Count}");
        var lines = _laps.GroupBy(l => l.Page).Select(g => Line(g.Key, [.. g.Select(l => l.Milliseconds)]));
        return mode + Environment.NewLine + string.Join(Environment.NewLine, lines) + Environment.NewLine +
            Line("all", [.. _laps.Select(l => l.Milliseconds)]) + Environment.NewLine +
            string.Create(CultureInfo.InvariantCulture, $"  requests per click: {(double)_requests / _clicks:0.0}");
    }
}

using Clinic.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>One person's browser: an isolated context with one tab, which notes any request that leaves the app.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Tablet = new() { Width = 820, Height = 1180 };

    private readonly List<string> _elsewhere = [];

    internal BrowserSession(Uri address, IBrowserContext context, IPage page)
    {
        Address = address;
        Context = context;
        Page = page;
        Context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                && !string.Equals(url.Authority, address.Authority, StringComparison.OrdinalIgnoreCase))
            {
                lock (_elsewhere)
                    _elsewhere.Add(request.Url);
            }
        };
    }

    public Uri Address { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Url(string path) => new Uri(Address, path).ToString();

    /// <summary>Fills the sign-in form by its labels and submits it with its button.</summary>
    public async Task SubmitSignInAsync(string email = ClinicApp.OwnerEmail, string password = ClinicApp.OwnerPassword)
    {
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public async Task<bool> HasSessionCookieAsync() =>
        (await Context.CookiesAsync([Address.ToString()])).Any(c => c.Name == "clinic.session");

    /// <summary>Pages are laid out for the viewport: nothing is wider than the screen.</summary>
    public async Task AssertNoHorizontalScrollAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] <= widths[1])
            return;

        // The innermost elements that reach past the screen's edge, so a failure says where to look.
        var wide = await Page.EvaluateAsync<string[]>(
            """
            () => {
                const past = e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5;
                return [...document.body.querySelectorAll('*')]
                    .filter(e => past(e) && ![...e.children].some(past))
                    .slice(0, 5)
                    .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} (${Math.round(e.getBoundingClientRect().width)}px)`);
            }
            """);
        Assert.Fail($"{Page.Url} scrolls sideways: content is {widths[0]}px wide in a {widths[1]}px viewport; reaching past the edge: {string.Join(", ", wide)}.");
    }

    /// <summary>axe-core finds nothing to fix on the page as it is shown now.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        Assert.True(result.Violations.Length == 0, $"{Page.Url}: " + string.Join("; ", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}) {v.Help}: {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public void AssertStayedOnThisMachine()
    {
        lock (_elsewhere)
            Assert.True(_elsewhere.Count == 0, "The app made the browser request other origins: " + string.Join(", ", _elsewhere));
    }

    /// <summary>A full-page screenshot in the test output folder (bin/…/screenshots), for a person to look at.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

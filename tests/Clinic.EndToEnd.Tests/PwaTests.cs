using System.Buffers.Binary;
using System.Text.Json;
using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>The app installs as a PWA: a linked manifest with real icons, a service worker, and an offline page.</summary>
public abstract class PwaTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact(Timeout = 30_000)]
    public async Task The_page_links_a_manifest_whose_png_icons_load_at_their_declared_sizes()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await browser.Page.GotoAsync("/sign-in");

        var link = browser.Page.Locator("head link[rel='manifest']");
        await Expect(link).ToHaveCountAsync(1);
        await Expect(link).ToHaveAttributeAsync("href", "/manifest.webmanifest");

        var response = await browser.Context.APIRequest.GetAsync("/manifest.webmanifest");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/manifest+json", response.Headers["content-type"], StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(await response.TextAsync());
        var root = manifest.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("name").GetString()), "The manifest has no name.");
        Assert.Equal("/start", root.GetProperty("start_url").GetString());
        Assert.Equal("/", root.GetProperty("scope").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());

        var pngIcons = root.GetProperty("icons").EnumerateArray()
            .Where(i => i.TryGetProperty("type", out var type) && type.GetString() == "image/png")
            .Select(i => (Src: i.GetProperty("src").GetString()!, Sizes: i.GetProperty("sizes").GetString()!))
            .ToList();
        Assert.Contains(pngIcons, i => i.Sizes == "192x192");
        Assert.Contains(pngIcons, i => i.Sizes == "512x512");
        foreach (var (src, sizes) in pngIcons)
        {
            var icon = await browser.Context.APIRequest.GetAsync(src);
            Assert.True(icon.Status == 200, $"{src} answered {icon.Status}.");
            Assert.Equal("image/png", icon.Headers["content-type"]);
            Assert.Equal(sizes, PngSize(await icon.BodyAsync(), src));
        }

        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 30_000)]
    public async Task The_service_worker_takes_control_and_serves_the_offline_page_without_storing_pages()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));

        // app.js registers /sw.js for the whole origin; it installs (precaching the offline page) and activates.
        var worker = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const late = new Promise((_, reject) =>
                setTimeout(() => reject(new Error('No service worker became active within 10 s.')), 10000));
              const registration = await Promise.race([navigator.serviceWorker.ready, late]);
              return { scope: registration.scope, script: registration.active?.scriptURL ?? null };
            }
            """);
        Assert.Equal(browser.Url("/"), worker.GetProperty("scope").GetString());
        Assert.Equal(browser.Url("/sw.js"), worker.GetProperty("script").GetString());
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller?.state === 'activated'");

        // A page with client data, seen online, then asked for again offline: the worker has not stored it.
        await page.GotoAsync("/clients");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await browser.Context.SetOfflineAsync(offline: true);
        await page.GotoAsync("/clients");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're offline", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Offline · Clinic");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToHaveCountAsync(0);
        // The offline page is styled from the worker's cache too.
        Assert.True(await page.EvaluateAsync<bool>("() => getComputedStyle(document.querySelector('.topbar')).display !== 'inline'"),
            "The offline page has no styles: app.css did not come from the cache.");
        await browser.ScreenshotAsync($"offline-{fixture.Provider}");

        // Back online, the same address is the live page again.
        await browser.Context.SetOfflineAsync(offline: false);
        await page.GotoAsync("/clients");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();

        // A menu link fetches the next page for enhanced navigation (ADR 0034); offline, it ends on the offline page
        // too, rather than changing the address and leaving the old page up.
        await browser.Context.SetOfflineAsync(offline: true);
        await page.Locator("nav.sidebar").GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're offline", Level = 1 })).ToBeVisibleAsync();
        await browser.Context.SetOfflineAsync(offline: false);

        browser.AssertStayedOnThisMachine();
    }

    // Width x height from the PNG's IHDR chunk, which follows the 8-byte signature and the chunk's length and type.
    private static string PngSize(byte[] png, string src)
    {
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(PngSignature), $"{src} is not a PNG.");
        var width = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4));
        return $"{width}x{height}";
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class PwaTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : PwaTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class PwaTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : PwaTests(fixture, chromium), IClassFixture<PostgresServedApp>;

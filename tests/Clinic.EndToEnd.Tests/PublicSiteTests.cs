using System.Net;
using System.Net.Sockets;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The app with the operator's WhatsApp widget setting pointing at a stand-in script served on this machine, which
/// counts its downloads and sets window.__widgetLoaded when it runs.
/// </summary>
public abstract class WidgetServedAppFixture(DatabaseProvider provider) : IAsyncLifetime, IDisposable
{
    private readonly HttpListener _widget = new();
    private TestDatabase? _database;
    private int _downloads;

    public ServedApp App { get; private set; } = null!;

    public DatabaseProvider Provider => provider;

    public int Downloads => Volatile.Read(ref _downloads);

    public async Task InitializeAsync()
    {
        var script = new Uri($"http://127.0.0.1:{FreePort()}/widget.js");
        _widget.Prefixes.Add(script.GetLeftPart(UriPartial.Authority) + "/");
        _widget.Start();
        _ = ServeAsync();
        _database = await TestDatabase.CreateMigratedAsync(provider);
        App = new ServedApp(_database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Website:WhatsAppWidgetScript"] = script.ToString() });
        App.Start();
    }

    public async Task DisposeAsync()
    {
        Dispose();
        if (App is not null)
            await App.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    public void Dispose()
    {
        ((IDisposable)_widget).Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ServeAsync()
    {
        var body = Encoding.UTF8.GetBytes("window.__widgetLoaded = true;");
        while (_widget.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _widget.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _downloads);
            context.Response.ContentType = "text/javascript";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

public sealed class WidgetSqliteServedApp() : WidgetServedAppFixture(DatabaseProvider.Sqlite);

public sealed class WidgetPostgresServedApp() : WidgetServedAppFixture(DatabaseProvider.Postgres);

/// <summary>
/// The clinic's public website in a real browser: the owner fills in the profile, a visitor on a phone finds the
/// clinic's name, hours and WhatsApp link at the domain's root and goes on to book; the embedded WhatsApp widget runs
/// only after "Accept all".
/// </summary>
public abstract class PublicSiteTests(WidgetServedAppFixture fixture, Chromium chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact(Timeout = 90_000)]
    public async Task A_visitor_on_a_phone_finds_the_clinic_at_the_root_and_follows_book_online()
    {
        await SaveProfileAsync(widget: false);

        await using var visitor = await chromium.OpenAsync(fixture.App.Address, Phone);
        var page = visitor.Page;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lahore Skin Studio", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("table.opening-hours tr", new() { HasText = "Monday" })).ToContainTextAsync("9:00 AM–6:00 PM");
        await Expect(page.Locator("table.opening-hours tr", new() { HasText = "Sunday" })).ToContainTextAsync("Closed");
        var whatsApp = page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Chat with us on WhatsApp" });
        await Expect(whatsApp).ToHaveAttributeAsync("href", "https://wa.me/923217654321");
        await Expect(page.Locator("footer.footer")).ToContainTextAsync("Mon–Fri 9:00 AM–6:00 PM · Sat–Sun Closed");
        await Expect(page.Locator("script[data-category='third-party']")).ToHaveCountAsync(0);
        await visitor.AssertNoHorizontalScrollAsync();
        await visitor.ScreenshotAsync($"public-home-{fixture.Provider}");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Book online" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(visitor.Url("/book"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        visitor.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 90_000)]
    public async Task The_whatsapp_widget_does_not_run_after_reject_all_and_runs_after_accept_all()
    {
        await SaveProfileAsync(widget: true);
        var before = fixture.Downloads;

        await using var rejecting = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await rejecting.Page.GotoAsync("/");
        await rejecting.Page.Locator("section.cookie-banner").GetByRole(AriaRole.Button, new() { Name = "Reject all" }).ClickAsync();
        await Expect(rejecting.Page).ToHaveURLAsync(rejecting.Url("/"));
        await Expect(rejecting.Page.Locator("section.cookie-banner")).ToHaveCountAsync(0);
        await rejecting.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(rejecting.Page.Locator("script[data-category='third-party']")).ToHaveAttributeAsync("type", "text/plain");
        Assert.False(await rejecting.Page.EvaluateAsync<bool>("() => window.__widgetLoaded === true"), "The widget ran without third-party consent.");
        Assert.Equal(before, fixture.Downloads);

        await using var accepting = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await accepting.Page.GotoAsync("/");
        await accepting.Page.Locator("section.cookie-banner").GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();
        await Expect(accepting.Page).ToHaveURLAsync(accepting.Url("/"));
        await accepting.Page.WaitForFunctionAsync("() => window.__widgetLoaded === true");
        Assert.True(fixture.Downloads > before, "The widget's script was never downloaded.");
    }

    /// <summary>The owner fills in the profile in the browser: Monday to Friday 9 to 6, a WhatsApp number, the widget on or off.</summary>
    private async Task SaveProfileAsync(bool widget)
    {
        await using var owner = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = owner.Page;
        await page.GotoAsync("/settings/clinic-profile");
        await owner.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(owner.Url("/settings/clinic-profile"));
        await page.GetByLabel("Clinic name").FillAsync("Lahore Skin Studio");
        await page.GetByLabel("WhatsApp number (optional)").FillAsync("0321 7654321");
        for (var day = 0; day < 5; day++)
        {
            await page.Locator($"input[name='Input.Hours[{day}].Open']").CheckAsync();
            await page.Locator($"#opens-{day}").FillAsync("09:00");
            await page.Locator($"#closes-{day}").FillAsync("18:00");
        }

        await page.Locator("#whatsapp-widget").SetCheckedAsync(widget);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Clinic profile saved.");
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class PublicSiteTests_on_Sqlite(WidgetSqliteServedApp fixture, Chromium chromium) : PublicSiteTests(fixture, chromium), IClassFixture<WidgetSqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class PublicSiteTests_on_Postgres(WidgetPostgresServedApp fixture, Chromium chromium) : PublicSiteTests(fixture, chromium), IClassFixture<WidgetPostgresServedApp>;

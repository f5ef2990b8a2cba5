using System.Globalization;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Data;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// Staff pages change by enhanced navigation (ADR 0034): a link fetches the next page and patches it into this one,
/// under the same Content-Security-Policy. Every script a page brings still works when the page arrives that way, and
/// is bound once however often the page comes back; the website stays on full page loads.
/// </summary>
public abstract class EnhancedNavigationTests(ServedAppFixture fixture, Chromium chromium)
{
    // Set on the first page; a full load would lose it, an enhanced navigation keeps it.
    private const string MarkThisDocument = "() => { window.clinicSameDocument = true; }";
    private const string SameDocument = "() => window.clinicSameDocument === true";

    [Fact(Timeout = 60_000)]
    public async Task A_menu_link_changes_the_staff_page_without_a_reload_and_the_policy_refuses_nothing()
    {
        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        var page = browser.Page;
        var errors = ConsoleErrors(page);
        await page.EvaluateAsync(MarkThisDocument);

        await Menu(page, "Clients").ClickAsync();

        await Expect(page).ToHaveURLAsync(browser.Url("/clients"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Clients", RegexOptions.None, TimeSpan.FromSeconds(1)));
        Assert.True(await page.EvaluateAsync<bool>(SameDocument), "The page was loaded in full, not patched in.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'main'"), "Focus did not move to the new page's content.");
        Assert.Empty(errors);

        // The framework's script has a fingerprinted address, served as immutable for a year outside Development.
        var script = await page.Locator("script[src*='blazor.web']").GetAttributeAsync("src");
        Assert.Matches(@"^/?_framework/blazor\.web\.[a-z0-9]+\.js$", script);
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_website_and_sign_in_load_each_page_in_full_and_never_fetch_the_framework_script()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        var page = browser.Page;
        var framework = 0;
        page.Request += (_, request) => { if (request.Url.Contains("/_framework/blazor.web", StringComparison.Ordinal)) Interlocked.Increment(ref framework); };
        await page.GotoAsync("/services");
        await page.EvaluateAsync(MarkThisDocument);

        await page.Locator(".public-nav").GetByRole(AriaRole.Link, new() { Name = "Book online" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/book"));
        Assert.False(await page.EvaluateAsync<bool>(SameDocument), "A website page was patched in rather than loaded.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Staff sign in" }).ClickAsync();
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        Assert.Equal(0, framework);
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));

        // From a staff page, the website's own links load in full again.
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/privacy"));
        await page.EvaluateAsync(MarkThisDocument);
        await page.Locator(".public-nav").GetByRole(AriaRole.Link, new() { Name = "Services" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/services"));
        Assert.False(await page.EvaluateAsync<bool>(SameDocument), "A website link was followed by enhanced navigation.");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_top_bar_search_suggests_once_per_pause_after_pages_arrive_by_links()
    {
        var last = $"Siddiqui-{Guid.NewGuid().ToString("N")[..6]}";
        await fixture.App.AddClientAsync("Mahnoor", last, $"mahnoor-{Guid.NewGuid():N}@example.com");
        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        var page = browser.Page;
        var suggestions = 0;
        page.Request += (_, request) => { if (request.Url.Contains("/clients/suggestions", StringComparison.Ordinal)) Interlocked.Increment(ref suggestions); };
        await page.EvaluateAsync(MarkThisDocument);

        await Menu(page, "Clients").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Menu(page, "Schedule").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Schedule");

        await page.Locator("#topbar-search").FillAsync(last);
        var result = page.Locator(".topbar-search-results").GetByRole(AriaRole.Link).Filter(new() { HasText = last });
        await Expect(result).ToBeVisibleAsync();
        Assert.Equal(1, suggestions); // bound once, although the box has been on three pages

        await result.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Mahnoor {last}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".topbar-search-results")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>(SameDocument), "The pages were loaded in full, so this proves nothing about enhanced navigation.");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_cookie_banner_script_runs_on_a_website_page_reached_from_a_staff_page()
    {
        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        // Only the script can see the browser's Global Privacy Control; the server is sent no Sec-GPC header here.
        await browser.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
        var page = browser.Page;
        await page.GotoAsync("/clients");
        await page.EvaluateAsync(MarkThisDocument);

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();

        var banner = page.Locator(".cookie-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner.Locator("[data-cookie-gpc]")).ToBeVisibleAsync();
        await Expect(banner.Locator("input[name='gpc']")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>(SameDocument), "The page was loaded in full, so this proves nothing about enhanced navigation.");
    }

    [Fact(Timeout = 90_000)]
    public async Task The_template_preview_follows_the_typing_after_the_editor_arrives_by_a_link_twice()
    {
        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        var page = browser.Page;
        await page.EvaluateAsync(MarkThisDocument);
        const string reminder = "Appointment reminder, Text (SMS and WhatsApp), English: built-in text";

        for (var visit = 0; visit < 2; visit++)
        {
            await Menu(page, "Messages").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Message templates" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = reminder, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Insert {{client.first_name}}" })).ToHaveCountAsync(1);
        }

        var body = page.GetByLabel("Text", new() { Exact = true });
        await body.FillAsync("Hi , see you at {{appointment.starts_at}}.");
        await body.EvaluateAsync("b => b.setSelectionRange(3, 3)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert {{client.first_name}}" }).ClickAsync();
        await Expect(body).ToHaveValueAsync("Hi {{client.first_name}}, see you at {{appointment.starts_at}}.");
        await Expect(page.Locator("#template-preview .preview-body")).ToContainTextAsync("Hi Ayesha, see you at");
        await body.FillAsync("Hi {{client.nickname}}");
        await Expect(page.Locator("#template-preview .field-error[role=status]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#template-preview .field-error[role=status]")).ToContainTextAsync("client.nickname");
        Assert.True(await page.EvaluateAsync<bool>(SameDocument), "The pages were loaded in full, so this proves nothing about enhanced navigation.");
    }

    [Fact(Timeout = 90_000)]
    public async Task An_appointment_dragged_on_a_day_view_reached_by_a_link_moves()
    {
        var app = fixture.App;
        var (owner, _) = await app.OwnerWithHoursAsync();
        var service = await app.AddServiceGivenByAsync(owner, $"Hydrafacial {Guid.NewGuid().ToString("N")[..6]}");
        var today = await app.TodayAsync();
        var (appointment, client) = await AddAppointmentAsync(app, owner, service, today.ToDateTime(new TimeOnly(12, 0)));
        await using var browser = await SignedInAsync(BrowserSession.Desktop);
        var page = browser.Page;
        await page.EvaluateAsync(MarkThisDocument);

        await Menu(page, "Clients").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Menu(page, "Schedule").ClickAsync();
        var booked = page.Locator("table.calendar td.booked").Filter(new() { HasText = client });
        await Expect(booked).ToContainTextAsync("12:00");
        Assert.True(await page.EvaluateAsync<bool>(SameDocument), "The day view was loaded in full, so this proves nothing about enhanced navigation.");

        // The events a person's drag sends, with one DataTransfer between them as in a real drag.
        var drag = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await booked.Locator($"a[data-appointment='{appointment}']").DispatchEventAsync("dragstart", new { dataTransfer = drag });
        var free = page.Locator($"table.calendar td.free[data-provider='{owner}'][data-time='15:00']");
        await free.DispatchEventAsync("dragover", new { dataTransfer = drag });
        await free.DispatchEventAsync("drop", new { dataTransfer = drag });

        await Expect(page).ToHaveURLAsync(new Regex("/appointments/", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await page.GotoAsync($"/schedule?date={today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await Expect(page.Locator("table.calendar td.booked").Filter(new() { HasText = client })).ToContainTextAsync("15:00");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("phone", 390, 844)]
    [InlineData("tablet", 820, 1180)]
    public async Task A_page_reached_by_a_link_from_the_folded_menu_is_laid_out_for_the_screen(string screen, int width, int height)
    {
        await using var browser = await SignedInAsync(new ViewportSize { Width = width, Height = height });
        var page = browser.Page;
        await page.EvaluateAsync(MarkThisDocument);

        await page.Locator("details.nav-toggle summary").ClickAsync();
        await page.Locator("details.nav-toggle").GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("details.nav-toggle")).Not.ToHaveAttributeAsync("open", "");
        Assert.True(await page.EvaluateAsync<bool>(SameDocument), "The page was loaded in full, so this proves nothing about enhanced navigation.");
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"enhanced-navigation-{screen}-{fixture.Provider}");
    }

    private async Task<BrowserSession> SignedInAsync(ViewportSize size)
    {
        var browser = await chromium.OpenAsync(fixture.App.Address, size);
        await browser.Page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(browser.Page).ToHaveURLAsync(browser.Url("/start"));
        return browser;
    }

    private static ILocator Menu(IPage page, string name) =>
        page.Locator("nav.sidebar").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>The console's errors from now on: a Content-Security-Policy refusal or a script failing shows up here.</summary>
    private static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                    errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
                errors.Add(error);
        };
        return errors;
    }

    /// <summary>A new client's confirmed 30-minute appointment at a clinic-local time.</summary>
    private static async Task<(Guid Id, string Client)> AddAppointmentAsync(ServedApp app, Guid provider, Guid service, DateTime local)
    {
        var last = $"Qureshi-{Guid.NewGuid().ToString("N")[..6]}";
        var client = await app.AddClientAsync("Hina", last, $"hina-{Guid.NewGuid():N}@example.com");
        var zone = await app.ClinicTimeZoneAsync();
        var startsAt = new DateTimeOffset(local, zone.GetUtcOffset(local));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Guid.CreateVersion7();
        await app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
            VALUES (@id, @tenant_id, @client, @service, @provider, @startsAt, @endsAt, @startsAt, @endsAt, 'Confirmed', @now, @now)
            """,
            new { id, client, service, provider, startsAt, endsAt = startsAt.AddMinutes(30), now }));
        return (id, $"Hina {last}");
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class EnhancedNavigationTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : EnhancedNavigationTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class EnhancedNavigationTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : EnhancedNavigationTests(fixture, chromium), IClassFixture<PostgresServedApp>;

using System.Globalization;
using System.Text.RegularExpressions;
using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// Booking set-up's main flow in a real browser: the owner adds a service, gives a provider weekly hours, and the
/// service is then offered, and bookable, when booking a client in.
/// </summary>
public abstract partial class BookingSetupTests(ServedAppFixture fixture, Chromium chromium)
{
    [Fact(Timeout = 60_000)]
    public async Task The_owner_creates_a_service_gives_a_provider_hours_and_sees_the_service_offered_when_booking()
    {
        var app = fixture.App;
        var client = await app.AddClientAsync("Hira", "Qureshi", $"hira-{Guid.NewGuid():N}@example.com");
        var zone = await app.ClinicTimeZoneAsync();
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), zone).Date).AddDays(1);
        var service = $"Signature facial {Guid.NewGuid().ToString("N")[..6]}";

        await using var browser = await chromium.OpenAsync(app.Address, BrowserSession.Desktop);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/start"));

        // The menu leads to booking set-up; the provider's week gets an interval on tomorrow's weekday.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Booking set-up", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booking set-up", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedules and closures" }).ClickAsync();
        var providerLink = page.Locator("ul.providers a").First;
        var provider = (await providerLink.TextContentAsync())!.Trim();
        await providerLink.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{provider}'s schedule", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = tomorrow.DayOfWeek.ToString() });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("09:00");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add interval" }).ClickAsync();
        var interval = page.Locator("table.weekly-hours tbody tr").Filter(new() { HasText = tomorrow.DayOfWeek.ToString() });
        await Expect(interval).ToContainTextAsync("09:00");
        await Expect(interval).ToContainTextAsync("17:00");

        // The service, performed by that provider.
        await page.GetByRole(AriaRole.Link, new() { Name = "Services", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a service" }).ClickAsync();
        await page.GetByLabel("Category").FillAsync("Skin");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(service);
        await page.GetByLabel("Duration (minutes)").FillAsync("60");
        await page.GetByLabel("Price (PKR)").FillAsync("18000");
        await page.GetByRole(AriaRole.Group, new() { Name = "Providers who perform it" }).GetByLabel(provider).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save service" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/booking-setup/services"));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = service })).ToContainTextAsync("18,000.00 PKR");
        await browser.ScreenshotAsync($"booking-setup-services-{fixture.Provider}");

        // Booking the client in offers the new service with that provider, and books it inside the hours.
        await page.GotoAsync($"/appointments/new?clientId={client}");
        await page.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = $"{service} (60 min)" });
        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = provider });
        await page.GetByLabel("Date").FillAsync(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        // Only a booked appointment leads to its own page; a refused booking stays on the form.
        await Expect(page).ToHaveURLAsync(AppointmentUrl());

        browser.AssertStayedOnThisMachine();
    }

    [GeneratedRegex(@"/appointments/[0-9a-f-]{36}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AppointmentUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class BookingSetupTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : BookingSetupTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class BookingSetupTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : BookingSetupTests(fixture, chromium), IClassFixture<PostgresServedApp>;

using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Modules.Booking.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The owner follows what Clinic said to clients, in a real browser on a tablet: a confirmation kept unsent because no
/// channel is configured, and a message that failed on a bad mobile number, fixed on the profile and retried.
/// </summary>
public abstract class MessagesTests(ServedAppFixture fixture, Chromium chromium)
{
    [Fact(Timeout = 90_000)]
    public async Task The_owner_reads_a_kept_confirmation_and_retries_a_failed_message_once_the_number_is_fixed()
    {
        var app = fixture.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var withEmail = await app.AddClientAsync("Ayesha", $"Rehman-{suffix}", $"ayesha-{suffix}@example.com");
        var badNumber = await app.AddClientAsync("Bilal", $"Hussain-{suffix}", $"bilal-{suffix}@example.com");
        await app.InClinicAsync(db => db.ExecuteAsync("UPDATE clients_clients SET email = NULL, phone = '12345' WHERE id = @badNumber AND tenant_id = @tenant_id", new { badNumber }));
        var zone = await app.ClinicTimeZoneAsync();
        var starts = new DateTimeOffset(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), zone).Date.AddDays(3).AddHours(15), zone.GetUtcOffset(app.Clock.GetUtcNow().AddDays(3)));
        await BookedAsync(app, withEmail, starts);
        await BookedAsync(app, badNumber, starts);
        await app.RunJobsAsync("outbox-dispatch", "messaging-dispatch");

        await using var browser = await chromium.OpenAsync(app.Address, BrowserSession.Tablet);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();

        // The confirmation: rendered in clinic time and kept, because no channel is configured.
        await page.GotoAsync($"/clients/{withEmail}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Appointment confirmation" });
        await Expect(row).ToContainTextAsync("Not sent: no channel configured");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("pre.message-body")).ToContainTextAsync("3:00 pm");
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("NotSent");
        await browser.ScreenshotAsync($"messages-details-{fixture.Provider}");

        // The failed one is on the failed list; the owner corrects the number on the profile, then retries.
        await page.GotoAsync("/messages?status=failed");
        var failed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Failed: no valid contact" });
        await Expect(failed).ToHaveCountAsync(1);
        await failed.GetByRole(AriaRole.Link).ClickAsync();
        var messageUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Mobile", Exact = true }).First.FillAsync("0300 1234567");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GotoAsync(messageUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("retried by staff");
        await app.RunJobsAsync("outbox-dispatch", "messaging-dispatch");
        await page.ReloadAsync();
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("Not sent: no channel configured");
        await Expect(page.Locator("dl.details")).ToContainTextAsync("+923001234567");

        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }

    private static Task<int> BookedAsync(ServedApp app, Guid client, DateTimeOffset starts) =>
        app.InClinicAsync(async db =>
        {
            var appointment = Guid.CreateVersion7();
            await db.PublishAsync(new AppointmentBooked(
                appointment, client, Guid.CreateVersion7(), "HydraFacial", Guid.CreateVersion7(), starts, starts.AddMinutes(30), "Confirmed", "staff",
                app.Services.GetRequiredService<SecretSeal>().Seal($"http://localhost/booking/manage/secret-{appointment:N}")));
            return 0;
        });
}

[Collection(ChromiumCollection.Name)]
public sealed class MessagesTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : MessagesTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class MessagesTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : MessagesTests(fixture, chromium), IClassFixture<PostgresServedApp>;

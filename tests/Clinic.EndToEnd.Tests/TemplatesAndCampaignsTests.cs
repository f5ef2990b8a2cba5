using Clinic.BuildingBlocks.Data;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The owner, on a tablet, rewords the reminder text with the live preview and SMS count beside it, and sends a
/// marketing email to a tagged segment, watching it reach only the client who agreed to marketing email.
/// </summary>
public abstract class TemplatesAndCampaignsTests(ServedAppFixture fixture, Chromium chromium)
{
    [Fact(Timeout = 90_000)]
    public async Task The_owner_rewords_the_reminder_with_a_live_preview_and_an_unknown_placeholder_is_refused()
    {
        await using var browser = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Tablet);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();

        await page.GotoAsync("/messages/templates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Appointment reminder, Text (SMS and WhatsApp), English: built-in text", Exact = true }).ClickAsync();
        // The editor's script has run once it has turned the placeholders into Insert buttons; typing earlier has no preview.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Insert {{client.first_name}}" })).ToBeVisibleAsync();
        var body = page.GetByLabel("Text", new() { Exact = true });
        var preview = page.Locator("#template-preview .preview-body");

        // The preview follows the typing, with the sample client's name and the time in clinic time, and no Preview click.
        await body.FillAsync("Hi {{client.first_name}}, see you at {{appointment.starts_at}}. Reply C to confirm.");
        await Expect(preview).ToContainTextAsync("Hi Ayesha, see you at");
        await Expect(preview).Not.ToContainTextAsync("{{");
        await Expect(page.Locator("#sms-length")).ToContainTextAsync("GSM-7");

        // Urdu needs UCS-2, and the count says so as it is typed.
        await body.FillAsync("آپ کی ملاقات {{appointment.starts_at}} کو ہے");
        await Expect(page.Locator("#sms-length")).ToContainTextAsync("UCS-2");

        // The inserted placeholder comes from the list; an unknown one is flagged while typing and refused on save.
        await body.FillAsync("Hi {{client.nickname}}, ");
        await Expect(page.Locator("#template-preview .field-error[role=status]")).ToContainTextAsync("client.nickname");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#body-error")).ToContainTextAsync("client.nickname");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("Built-in text");

        await body.FillAsync("Hi , reminder for ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert {{client.first_name}}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("This clinic's own words");
        await Expect(preview).ToContainTextAsync("Ayesha");
        await browser.ScreenshotAsync($"template-editor-{fixture.Provider}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore the built-in text" }).ClickAsync();
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("Built-in text");
        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 90_000)]
    public async Task The_owner_sends_a_campaign_to_a_tag_and_only_the_consenting_client_gets_it()
    {
        var app = fixture.App;
        var tag = $"vip-{Guid.NewGuid():N}"[..12];
        var agrees = await AddTaggedClientAsync(app, tag, marketingEmail: true);
        var neverAsked = await AddTaggedClientAsync(app, tag, marketingEmail: false);

        await using var browser = await chromium.OpenAsync(app.Address, BrowserSession.Tablet);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();

        await page.GotoAsync("/messages/campaigns");
        await page.GetByLabel("Name (for staff)").FillAsync($"Winter offer {tag}");
        await page.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "Email" });
        await page.GetByLabel("Subject (email only)").FillAsync("Winter glow, 20% off");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Dear {{client.first_name}}, book before 31 December. Unsubscribe: {{unsubscribe.url}}");
        await page.GetByLabel("Client tag").SelectOptionAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();

        // Before sending, the owner sees how many it reaches: one, not two.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 1 client" }).ClickAsync();
        await Expect(page.Locator("dl.details .status")).Not.ToHaveTextAsync("Draft");

        await app.RunJobsAsync("messaging-campaigns", "messaging-dispatch");
        await page.ReloadAsync();
        // The clock stands at 10:00 in the clinic, outside quiet hours; no email channel is set up here, so the one
        // message is skipped for that reason rather than failed.
        var progress = page.Locator("table.campaigns tbody tr");
        await Expect(progress.Locator("[data-count=recipients]")).ToHaveTextAsync("1");
        await Expect(progress.Locator("[data-count=waiting]")).ToHaveTextAsync("0");
        await Expect(progress.Locator("[data-count=skipped]")).ToHaveTextAsync("1");
        await Expect(progress.Locator("[data-count=failed]")).ToHaveTextAsync("0");
        await browser.ScreenshotAsync($"campaign-progress-{fixture.Provider}");

        await page.GotoAsync($"/clients/{agrees}/messages");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Marketing campaign" })).ToHaveCountAsync(1);
        await page.GotoAsync($"/clients/{neverAsked}/messages");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Marketing campaign" })).ToHaveCountAsync(0);
        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }

    private static Task<Guid> AddTaggedClientAsync(ClinicApp app, string tag, bool marketingEmail) =>
        app.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@id, @tenant_id, 'Sana', @last, '+923001234567', @email, @now)",
                new { id, last = $"Malik-{id:N}"[..14], email = $"sana-{id:N}@example.test", now = app.Clock.GetUtcNow() });
            await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @id, @tag)", new { id, tag });
            if (marketingEmail)
            {
                await db.ExecuteAsync(
                    "INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at) VALUES (@change, @tenant_id, @id, 'email', TRUE, 'In person', @at)",
                    new { change = Guid.CreateVersion7(), id, at = app.Clock.GetUtcNow().AddDays(-1) });
            }

            return id;
        });
}

[Collection(ChromiumCollection.Name)]
public sealed class TemplatesAndCampaignsTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : TemplatesAndCampaignsTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class TemplatesAndCampaignsTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : TemplatesAndCampaignsTests(fixture, chromium), IClassFixture<PostgresServedApp>;

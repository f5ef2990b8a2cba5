using Clinic.BuildingBlocks.Data;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// Reception answers a client who wrote on WhatsApp an hour ago, in a real browser on a phone: the page says until when
/// free text may go on WhatsApp, an empty reply is refused beside the field, and the reply joins the thread and is sent.
/// </summary>
public abstract class StaffReplyTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact(Timeout = 90_000)]
    public async Task Reception_replies_on_WhatsApp_inside_the_window_and_the_reply_joins_the_thread()
    {
        var app = fixture.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var client = await app.AddClientAsync("Hina", $"Qureshi-{suffix}", $"hina-{suffix}@example.com");
        await app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, to_mobile, data, channel, recipient, body,
                status, attempts, next_attempt_at, created_at, updated_at)
            VALUES (@id, @tenant_id, @key, 'conversation.inbound', 'transactional', FALSE, 'in', @client, '+923001234567', '{}', 'WhatsApp', '+923001234567',
                'Is Friday free?', 'Received', 0, @at, @at, @at)
            """,
            new { id = Guid.CreateVersion7(), key = $"inbound:e2e:{suffix}", client, at = app.Clock.GetUtcNow().AddHours(-1) }));

        await using var browser = await chromium.OpenAsync(app.Address, Phone);
        var page = browser.Page;
        await page.GotoAsync("/start");
        await browser.SubmitSignInAsync();
        await page.GotoAsync($"/clients/{client}/messages");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Message from the client" })).ToHaveCountAsync(1);

        var reply = page.GetByRole(AriaRole.Region, new() { Name = "Reply" });
        await Expect(reply).ToContainTextAsync("The WhatsApp window is open until");
        await reply.GetByRole(AriaRole.Radio, new() { Name = "WhatsApp", Exact = true }).CheckAsync();
        await reply.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        var text = reply.GetByRole(AriaRole.Textbox, new() { Name = "Your words", Exact = true });
        await Expect(text).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#reply-text-error")).ToHaveTextAsync("Write the reply.");

        await text.FillAsync("Yes, 4 pm on Friday is free. Shall we book it?");
        await reply.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url($"/clients/{client}/messages"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Reply from the clinic" });
        await Expect(row).ToContainTextAsync("Queued");
        await app.RunJobsAsync("messaging-dispatch");
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("WhatsApp");
        await Expect(row).ToContainTextAsync("Not sent: no channel configured");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("pre.message-body")).ToHaveTextAsync("Yes, 4 pm on Friday is free. Shall we book it?");
        await browser.ScreenshotAsync($"staff-reply-{fixture.Provider}");

        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }
}

[Collection(ChromiumCollection.Name)]
public sealed class StaffReplyTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : StaffReplyTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class StaffReplyTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : StaffReplyTests(fixture, chromium), IClassFixture<PostgresServedApp>;

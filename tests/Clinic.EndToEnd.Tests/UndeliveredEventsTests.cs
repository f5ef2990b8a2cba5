using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The owner finds an event the clinic gave up delivering from the menu, reads what failed on a phone or a tablet,
/// and sends it on its way again with Retry.
/// </summary>
public abstract class UndeliveredEventsTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly (string Name, ViewportSize Size)[] Screens =
    [
        ("phone", new ViewportSize { Width = 360, Height = 740 }),
        ("tablet", BrowserSession.Tablet),
    ];

    [Fact(Timeout = 60_000)]
    public async Task The_owner_reads_a_set_aside_event_and_retries_it_on_a_phone_and_a_tablet()
    {
        foreach (var (screen, size) in Screens)
        {
            var id = await SetAsideAsync();
            await using var browser = await chromium.OpenAsync(fixture.App.Address, size);
            var page = browser.Page;
            await page.GotoAsync("/start");
            await browser.SubmitSignInAsync();
            await page.GotoAsync("/settings/undelivered-events");

            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "clients.clients-merged.v1" }) })
                .Filter(new() { HasText = "MoveAppointmentsWhenClientsMerged failed: TimeoutException" });
            await Expect(row.First).ToContainTextAsync("Clients");
            await browser.AssertNoHorizontalScrollAsync();
            await browser.AssertAccessibleAsync();
            await browser.ScreenshotAsync($"undelivered-events-{screen}-{fixture.Provider}");

            await page.GotoAsync($"/settings/undelivered-events/{id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Undelivered event", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("dl.details")).ToContainTextAsync("4 Mar 2030, 09:00");
            await browser.AssertNoHorizontalScrollAsync();
            await browser.AssertAccessibleAsync();
            await browser.ScreenshotAsync($"undelivered-event-{screen}-{fixture.Provider}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(browser.Url("/settings/undelivered-events"));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "clients.clients-merged.v1" })).ToHaveCountAsync(0);
            Assert.Equal(0, await fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM clients_outbox WHERE tenant_id = @tenant_id AND id = @id AND dead_lettered_at IS NOT NULL", new { id })));
            browser.AssertStayedOnThisMachine();
        }
    }

    /// <summary>A merge the clinic recorded at 09:00 clinic time whose delivery to Booking failed ten times.</summary>
    private Task<Guid> SetAsideAsync() =>
        fixture.App.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            var happened = new DateTimeOffset(2030, 3, 4, 4, 0, 0, TimeSpan.Zero);
            await db.ExecuteAsync(
                """
                INSERT INTO clients_outbox (id, tenant_id, type, payload, occurred_at, attempts, last_error, dead_lettered_at)
                VALUES (@id, @tenant_id, 'clients.clients-merged.v1', @payload, @happened, 10, 'MoveAppointmentsWhenClientsMerged failed: TimeoutException', @setAside)
                """,
                new { id, payload = $$"""{"keptClientId":"{{Guid.CreateVersion7()}}","mergedClientId":"{{Guid.CreateVersion7()}}"}""", happened, setAside = happened.AddHours(3) });
            return id;
        });

}

[Collection(ChromiumCollection.Name)]
public sealed class UndeliveredEventsTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : UndeliveredEventsTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class UndeliveredEventsTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : UndeliveredEventsTests(fixture, chromium), IClassFixture<PostgresServedApp>;

using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>A visitor on a phone reads the services and prices, presses Book on one, and reaches its free times.</summary>
public abstract class ServicesAndPricesTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact(Timeout = 90_000)]
    public async Task A_visitor_presses_Book_on_a_service_and_reaches_that_service_s_times()
    {
        var app = fixture.App;
        var service = $"Carbon peel {Guid.NewGuid().ToString("N")[..6]}";
        await ArrangeAsync(app, service);

        await using var browser = await chromium.OpenAsync(app.Address, Phone);
        var page = browser.Page;
        await page.GotoAsync("/services");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Services and prices", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = service, Level = 3 })).ToBeVisibleAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"services-and-prices-{fixture.Provider}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Book {service}", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = service, Level = 2 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Any available" }).ClickAsync();
        await Expect(page.GetByText("Times are the clinic's local time")).ToBeVisibleAsync();
        await Expect(page.Locator("form.slots button").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = service, Level = 2 })).ToBeVisibleAsync();
        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }

    /// <summary>An online-bookable service performed by the owner, who works around the clock.</summary>
    private static Task<int> ArrangeAsync(ClinicApp app, string name) =>
        InClinicAsync(app, async db =>
        {
            var provider = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            var hours = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_weekly_hours WHERE tenant_id = @tenant_id AND provider_id = @provider", new { provider });
            for (var weekday = 0; hours == 0 && weekday < 7; weekday++)
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @provider, @weekday, 0, 1440)",
                    new { id = Guid.CreateVersion7(), provider, weekday });
            }

            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, description, duration_minutes, price, currency, online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, 'Skin', @name, 'Brightens and refines the skin.', 30, 12000, 'PKR', TRUE, FALSE, TRUE)
                """,
                new { id, name });
            return await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @provider)", new { id, provider });
        });

    private static Task<T> InClinicAsync<T>(ClinicApp app, Func<DbSession, Task<T>> work) =>
        app.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default)
                ?? throw new InvalidOperationException("The clinic has not been created.");
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });
}

[Collection(ChromiumCollection.Name)]
public sealed class ServicesAndPricesTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : ServicesAndPricesTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class ServicesAndPricesTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : ServicesAndPricesTests(fixture, chromium), IClassFixture<PostgresServedApp>;

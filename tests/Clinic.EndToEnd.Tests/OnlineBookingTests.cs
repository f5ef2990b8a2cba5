using System.Text.RegularExpressions;
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

/// <summary>
/// A visitor on a phone books online in a real browser: a service, anyone available, the first free time, their
/// details and the policy, then the confirmation with the link to change it; every page fits the screen.
/// </summary>
public abstract partial class OnlineBookingTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact(Timeout = 90_000)]
    public async Task A_visitor_on_a_phone_books_an_appointment_online_end_to_end()
    {
        var app = fixture.App;
        var service = $"Laser facial {Guid.NewGuid().ToString("N")[..6]}";
        var last = $"Qureshi{Guid.NewGuid().ToString("N")[..6]}";
        await ArrangeAsync(app, service);

        await using var browser = await chromium.OpenAsync(app.Address, Phone);
        var page = browser.Page;
        await page.GotoAsync("/book");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book an appointment", Level = 1 })).ToBeVisibleAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = service }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Any available" }).ClickAsync();
        await Expect(page.GetByText("Times are the clinic's local time")).ToBeVisibleAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"online-booking-times-{fixture.Provider}");
        await page.Locator("form.slots button").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(HoldUrl());
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We are holding this time for you");
        await page.GetByLabel("First name").FillAsync("Zara");
        await page.GetByLabel("Last name").FillAsync(last);
        await page.GetByLabel("Mobile").FillAsync("0321 7654321");
        await page.GetByLabel("Email").FillAsync($"{last.ToLowerInvariant()}@example.com");
        await page.GetByLabel("I have read and agree to the cancellation policy").CheckAsync();
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"online-booking-details-{fixture.Provider}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this appointment" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ManageUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your appointment", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appointment is booked");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(service);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("(Asia/Karachi)");
        await browser.AssertNoHorizontalScrollAsync();
        await browser.ScreenshotAsync($"online-booking-confirmed-{fixture.Provider}");

        var booked = await InClinicAsync(app, db => db.ExecuteScalarAsync<string>(
            """
            SELECT a.source FROM booking_appointments a
            WHERE a.tenant_id = @tenant_id AND a.status = 'Confirmed'
              AND a.client_id = (SELECT c.id FROM clients_clients c WHERE c.tenant_id = @tenant_id AND c.last_name = @last)
            """,
            new { last }));
        Assert.Equal("online", booked);
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 90_000)]
    public async Task A_visitor_double_clicking_book_sees_their_confirmation_and_is_one_client_with_one_appointment()
    {
        var app = fixture.App;
        var service = $"Peel {Guid.NewGuid().ToString("N")[..6]}";
        var last = $"Double{Guid.NewGuid().ToString("N")[..6]}";
        await ArrangeAsync(app, service);

        await using var browser = await chromium.OpenAsync(app.Address, Phone);
        var page = browser.Page;
        await page.GotoAsync("/book");
        await page.GetByRole(AriaRole.Link, new() { Name = service }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Any available" }).ClickAsync();
        await page.Locator("form.slots button").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(HoldUrl());
        await page.GetByLabel("First name").FillAsync("Sadia");
        await page.GetByLabel("Last name").FillAsync(last);
        await page.GetByLabel("Mobile").FillAsync("0333 7654321");
        await page.GetByLabel("Email").FillAsync($"{last.ToLowerInvariant()}@example.com");
        await page.GetByLabel("I have read and agree to the cancellation policy").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this appointment" }).DblClickAsync();

        await Expect(page).ToHaveURLAsync(ManageUrl());
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appointment is booked");
        var (clients, appointments) = await InClinicAsync(app, async db => (
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last }),
            await db.ExecuteScalarAsync<long>(
                """
                SELECT count(*) FROM booking_appointments a JOIN clients_clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
                WHERE a.tenant_id = @tenant_id AND c.last_name = @last
                """,
                new { last })));
        Assert.Equal((1, 1), (clients, appointments));
        browser.AssertStayedOnThisMachine();
    }

    [Fact(Timeout = 90_000)]
    public async Task A_visitor_choosing_a_treatment_that_needs_a_consultation_first_is_taken_to_the_consultation_request()
    {
        var app = fixture.App;
        var service = $"Thread lift {Guid.NewGuid().ToString("N")[..6]}";
        await ArrangeAsync(app, service, consultationFirst: true);

        await using var browser = await chromium.OpenAsync(app.Address, Phone);
        var page = browser.Page;
        await page.GotoAsync("/book");
        var entry = page.Locator("ul.services li").Filter(new() { HasText = service });
        await Expect(entry).ToContainTextAsync("Consultation first");
        await entry.GetByRole(AriaRole.Link, new() { Name = service, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ConsultationUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a consultation", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Treatment you are interested in").Locator("option:checked")).ToHaveTextAsync(service);
        await browser.AssertNoHorizontalScrollAsync();
        browser.AssertStayedOnThisMachine();
    }

    /// <summary>An online-bookable service performed by the owner, who works around the clock, as the set-up pages would leave it.</summary>
    private static Task<int> ArrangeAsync(ClinicApp app, string name, bool consultationFirst = false) =>
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
                INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency, online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, 'Skin', @name, 45, 18000, 'PKR', TRUE, @consultationFirst, TRUE)
                """,
                new { id, name, consultationFirst });
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

    [GeneratedRegex(@"/book/hold/[A-Za-z0-9_-]+$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HoldUrl();

    [GeneratedRegex(@"/booking/manage/[A-Za-z0-9_-]+\?done=booked$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ManageUrl();

    [GeneratedRegex(@"/consultation\?service=[0-9a-f-]+$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConsultationUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class OnlineBookingTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : OnlineBookingTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class OnlineBookingTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : OnlineBookingTests(fixture, chromium), IClassFixture<PostgresServedApp>;

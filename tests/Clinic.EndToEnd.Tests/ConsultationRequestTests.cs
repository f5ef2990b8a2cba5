using System.Globalization;
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
/// A consultation request in real browsers: a visitor sends the form from a phone, reception finds it in the enquiry
/// inbox, opens it, converts it to a client and books the client's appointment there; the inbox then shows the
/// request as converted.
/// </summary>
public abstract partial class ConsultationRequestTests(ServedAppFixture fixture, Chromium chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };
    private const string ReceptionistEmail = "rabia@clinic.test";
    private const string ReceptionistPassword = "the front desk opens at nine";

    [Fact(Timeout = 90_000)]
    public async Task A_visitor_asks_for_a_consultation_from_a_phone_and_reception_converts_it_to_a_client_and_books_them()
    {
        var service = await fixture.App.AddServiceAsync("HydraFacial");
        var provider = await OwnerOffersAllWeekAsync(service);
        await using var visitor = await chromium.OpenAsync(fixture.App.Address, Phone);
        await using var owner = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await using var reception = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);

        await SendRequestAsync(visitor, fixture.Provider.ToString());
        await InviteReceptionistAsync(owner, reception);

        var page = reception.Page;
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Enquiries" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enquiries", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Maryam Qureshi" });
        await Expect(row).ToContainTextAsync("HydraFacial");
        await Expect(row).ToContainTextAsync("New");
        await reception.ScreenshotAsync($"enquiries-inbox-{fixture.Provider}");

        await row.GetByRole(AriaRole.Link, new() { Name = "Maryam Qureshi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Maryam Qureshi", Level = 1 })).ToBeVisibleAsync();
        var details = page.GetByRole(AriaRole.Main);
        await Expect(details).ToContainTextAsync("+923211234567");
        await Expect(details).ToContainTextAsync("maryam.qureshi@example.com");
        await Expect(details).ToContainTextAsync("Saturday mornings");
        await Expect(details).ToContainTextAsync("My sister recommended you.");
        await reception.ScreenshotAsync($"enquiry-{fixture.Provider}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Convert to client and book" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BookingUrl());
        var clientId = Guid.Parse(new Uri(page.Url).Query["?clientId=".Length..]);
        Assert.Equal("Maryam Qureshi +923211234567", await ClientAsync(clientId));
        await reception.ScreenshotAsync($"enquiry-booking-{fixture.Provider}");

        // Tomorrow at 10:00 in the clinic's time zone, when the owner works.
        var zone = await fixture.App.ClinicTimeZoneAsync();
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.App.Clock.GetUtcNow(), zone).Date).AddDays(1);
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "HydraFacial (30 min)" });
        await page.GetByLabel("Provider", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = provider });
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(AppointmentUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("HydraFacial for Maryam Qureshi");
        var booked = page.Locator("dl.details");
        await Expect(booked).ToContainTextAsync($"{tomorrow.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}, 10:00 – 10:30");
        await Expect(booked).ToContainTextAsync(provider);
        await Expect(booked).ToContainTextAsync("Confirmed");
        var appointment = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        Assert.Equal(clientId, await fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT client_id FROM booking_appointments WHERE tenant_id = @tenant_id AND id = @appointment", new { appointment })));
        await reception.ScreenshotAsync($"enquiry-booked-{fixture.Provider}");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Enquiries" }).First.ClickAsync();
        var handled = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Maryam Qureshi" });
        await Expect(handled).ToHaveCountAsync(1);
        await Expect(handled.Locator(".badge")).ToHaveTextAsync("Converted");

        visitor.AssertStayedOnThisMachine();
        reception.AssertStayedOnThisMachine();
    }

    private static async Task SendRequestAsync(BrowserSession visitor, string provider)
    {
        var page = visitor.Page;
        await page.GotoAsync("/consultation");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a consultation", Level = 1 })).ToBeVisibleAsync();
        // The honeypot is for bots: a screen reader never announces it.
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Leave this empty" })).ToHaveCountAsync(0);
        await visitor.AssertNoHorizontalScrollAsync();

        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Maryam");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Qureshi");
        await page.GetByLabel("Mobile", new() { Exact = true }).FillAsync("0321 1234567");
        await page.GetByLabel("Email (optional)", new() { Exact = true }).FillAsync("maryam.qureshi@example.com");
        await page.GetByLabel("Treatment you are interested in").SelectOptionAsync(new SelectOptionValue { Label = "HydraFacial" });
        await page.GetByLabel("Preferred days and times (optional)").FillAsync("Saturday mornings");
        await page.GetByLabel("Message (optional)").FillAsync("My sister recommended you.");
        await visitor.ScreenshotAsync($"consultation-request-phone-{provider}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(visitor.Url("/consultation/sent"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you");
        await visitor.AssertNoHorizontalScrollAsync();
    }

    private async Task InviteReceptionistAsync(BrowserSession owner, BrowserSession reception)
    {
        var page = owner.Page;
        await page.GotoAsync("/staff");
        await owner.SubmitSignInAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Rabia Reception");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(ReceptionistEmail);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Reception" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation created for {ReceptionistEmail}");

        await reception.Page.GotoAsync(await fixture.App.LinkForAsync(ReceptionistEmail));
        await reception.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ReceptionistPassword);
        await reception.Page.GetByLabel("Password again", new() { Exact = true }).FillAsync(ReceptionistPassword);
        await reception.Page.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();
        await Expect(reception.Page).ToHaveURLAsync(reception.Url("/start"));
    }

    /// <summary>The owner performs the service and works 09:00 to 17:00 every day; returns the owner's name as the form lists it.</summary>
    private Task<string> OwnerOffersAllWeekAsync(Guid service) =>
        fixture.App.InClinicAsync(async db =>
        {
            var owner = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            await db.ExecuteAsync(
                "INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @service, @owner)", new { service, owner });
            foreach (var weekday in Enumerable.Range(0, 7))
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @owner, @weekday, 540, 1020)",
                    new { id = Guid.CreateVersion7(), owner, weekday });
            }

            return (await db.ExecuteScalarAsync<string>("SELECT name FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @owner", new { owner }))!;
        });

    /// <summary>The client's name and mobile as the Clients module stored them.</summary>
    private Task<string> ClientAsync(Guid id) =>
        fixture.App.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default);
            services.GetRequiredService<TenantContext>().Use(clinic!.Id);
            await using var db = await services.GetRequiredService<TenantDb>().ReadAsync(default);
            return await db.ExecuteScalarAsync<string>(
                "SELECT first_name || ' ' || last_name || ' ' || phone FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", new { id }) ?? "no such client";
        });

    [GeneratedRegex(@"/appointments/new\?clientId=[0-9a-f-]{36}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BookingUrl();

    [GeneratedRegex(@"/appointments/[0-9a-f-]{36}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AppointmentUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class ConsultationRequestTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : ConsultationRequestTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class ConsultationRequestTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : ConsultationRequestTests(fixture, chromium), IClassFixture<PostgresServedApp>;

using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>The menu is built from the modules' items, and shows each person only what their role may open.</summary>
public abstract class NavigationTests(AppFixture fixture)
{
    private static readonly string[] Everything = ["Schedule", "Enquiries", "Waitlist", "Clients", "Charts", "Billing", "Messages", "Message channels", "Privacy requests", "Policies", "Booking set-up", "Calendar feed", "Clinic profile", "Staff", "Audit trail", "Undelivered events", "Cookie consents", "Website visits"];

    [Fact]
    public async Task The_owner_sees_every_module_in_the_navigation_and_on_the_start_page()
    {
        using var browser = fixture.App.Browser();
        await browser.SignInAsync();

        var (_, page) = await browser.GetPageAsync("/start");

        Assert.Equal(Everything, page.NavigationLinks());
        Assert.Equal(Everything, page.QuerySelectorAll("main .tiles a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task A_reception_member_sees_neither_billing_nor_charts()
    {
        using var browser = await ReceptionAsync();

        var (_, page) = await browser.GetPageAsync("/start");

        Assert.Equal(["Schedule", "Enquiries", "Waitlist", "Clients", "Messages", "Calendar feed"], page.NavigationLinks());
        Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") is "/billing" or "/charts");
    }

    [Fact]
    public async Task A_reception_member_is_refused_the_billing_page()
    {
        using var browser = await ReceptionAsync();

        var (response, page) = await browser.GetPageAsync("/billing");

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied"),
            $"/billing answered {(int)response.StatusCode} {response.Headers.Location}.");
        Assert.DoesNotContain("Invoices", page.Title ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reception_member_refused_a_page_is_told_access_is_denied()
    {
        using var browser = await ReceptionAsync();

        var (response, page) = await browser.GetPageAsync("/billing");
        var location = response.Headers.Location;
        if (response.IsRedirect())
            (response, page) = await browser.GetPageAsync(response.RedirectTarget().PathAndQuery);
        var heading = page.QuerySelector("h1")?.TextContent ?? "";

        Assert.True(
            response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.OK,
            $"Refused /billing leads to {location}, which answers {(int)response.StatusCode}: StaffSession.AccessDeniedPath names a page that does not exist.");
        Assert.True(
            heading.Contains("denied", StringComparison.OrdinalIgnoreCase) || heading.Contains("forbidden", StringComparison.OrdinalIgnoreCase),
            $"The refusal page's heading is \"{heading}\".");
    }

    private async Task<ClinicClient> ReceptionAsync()
    {
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await fixture.App.AddStaffAsync(email, Roles.Reception, ClinicApp.OwnerPassword);
        var browser = fixture.App.Browser();
        await browser.SignInAsync(email, ClinicApp.OwnerPassword);
        return browser;
    }
}

public sealed class NavigationTests_on_Sqlite(SqliteApp fixture) : NavigationTests(fixture), IClassFixture<SqliteApp>;

public sealed class NavigationTests_on_Postgres(PostgresApp fixture) : NavigationTests(fixture), IClassFixture<PostgresApp>;

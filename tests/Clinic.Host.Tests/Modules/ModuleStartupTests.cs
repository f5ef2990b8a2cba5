using System.Net;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Web;
using Clinic.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Modules;

public abstract class ModuleStartupTests(AppFixture fixture)
{
    private static readonly string[] BuiltIn = ["Accounts", "Clients", "Booking", "Charting", "Billing", "Messaging", "Privacy", "Cookies"];

    [Fact]
    public void Every_built_in_module_is_enabled_in_catalog_order()
    {
        var modules = fixture.App.Services.GetRequiredService<ModuleSet>();

        Assert.Equal(BuiltIn, modules.All.Select(m => m.Name));
    }

    [Fact]
    public async Task Every_migration_of_every_module_is_applied_and_recorded()
    {
        var migrator = fixture.App.Services.GetRequiredService<Migrator>();
        var expected = migrator.All().Select(m => $"{m.Module}/{m.Id}").Order(StringComparer.Ordinal).ToList();

        var recorded = await fixture.App.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<BuildingBlocks.Data.ClinicDatabase>().BeginAsync(null, write: false, default);
            return (await db.QueryAsync<string>("SELECT module || '/' || id FROM clinic_migrations")).Order(StringComparer.Ordinal).ToList();
        });

        Assert.Equal(0, await migrator.PendingAsync(default));
        Assert.Equal(expected, recorded);
        Assert.All(BuiltIn, name => Assert.Contains(recorded, r => r.StartsWith(name + "/0001_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_menu_page_opens_for_the_owner()
    {
        using var browser = fixture.App.Browser();
        await browser.SignInAsync();
        var menu = fixture.App.Services.GetServices<MenuItem>().ToList();

        Assert.Equal(["/audit", "/billing", "/booking-setup", "/calendar-feed", "/charts", "/clients", "/enquiries", "/messages", "/messages/channels", "/privacy/requests", "/schedule", "/settings/clinic-profile", "/settings/cookie-consents", "/settings/policies/privacy", "/settings/undelivered-events", "/settings/website-analytics", "/staff", "/waitlist"], menu.Select(m => m.Href).Order(StringComparer.Ordinal));
        foreach (var item in menu)
        {
            var (response, page) = await browser.GetPageAsync(item.Href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{item.Href} answered {(int)response.StatusCode}.");
            Assert.NotNull(page.QuerySelector("main h1"));
        }
    }

    [Fact]
    public async Task The_public_cookie_policy_lists_the_session_cookie_without_sign_in()
    {
        using var browser = fixture.App.Browser();

        var (response, page) = await browser.GetPageAsync("/cookies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("clinic.session", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class ModuleStartupTests_on_Sqlite(NewInstallationOnSqlite fixture) : ModuleStartupTests(fixture), IClassFixture<NewInstallationOnSqlite>;

public sealed class ModuleStartupTests_on_Postgres(NewInstallationOnPostgres fixture) : ModuleStartupTests(fixture), IClassFixture<NewInstallationOnPostgres>;

using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>`Clinic:Modules:&lt;Name&gt;:Enabled=false` removes a module's pages and menu item; Accounts cannot be removed.</summary>
public sealed class ModuleSwitchTests
{
    [Fact]
    public async Task A_switched_off_module_answers_404_and_leaves_the_navigation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Modules:Billing:Enabled"] = "false" });
        using var browser = app.Browser();
        await browser.SignInAsync();

        var (billing, _) = await browser.GetPageAsync("/billing");
        var (_, home) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.NotFound, billing.StatusCode);
        Assert.DoesNotContain("Billing", home.NavigationLinks());
        Assert.Contains("Clients", home.NavigationLinks());
    }

    [Fact]
    public async Task Switching_off_accounts_stops_start_up_with_one_line_naming_the_key()
    {
        using var host = new HostProcess();

        var exit = await host.RunAsync(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Clinic__Modules__Accounts__Enabled"] = "false" },
            "--urls",
            "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        Assert.Contains("Clinic:Modules:Accounts:Enabled", Assert.Single(exit.ErrorLines), StringComparison.Ordinal);
    }
}

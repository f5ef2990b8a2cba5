using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Configuration;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.FirstRun;

/// <summary>`Clinic:Bootstrap:OwnerEmail` and `OwnerPassword` create the owner on first run, or stop start-up if unusable.</summary>
public abstract class BootstrapOwnerTests(AppFixture fixture)
{
    [Fact]
    public async Task The_bootstrap_owner_signs_in_with_the_configured_password()
    {
        using var browser = fixture.App.Browser();

        await browser.SignInAsync(ClinicApp.OwnerEmail, ClinicApp.OwnerPassword);
        var (start, page) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("Owner", page.QuerySelector(".user a[href='/account/sessions']")?.TextContent.Trim());
    }

    [Theory]
    [InlineData(ClinicApp.OwnerEmail, "short", "Clinic:Bootstrap:OwnerPassword")]
    [InlineData("not-an-address", ClinicApp.OwnerPassword, "Clinic:Bootstrap:OwnerEmail")]
    public async Task An_unusable_bootstrap_owner_stops_start_up_with_one_line_naming_the_key(string email, string password, string key)
    {
        await using var database = await TestDatabase.CreateAsync(fixture.Provider);
        using var host = new HostProcess();

        var exit = await host.RunAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Clinic__Database__Provider"] = database.Provider.ToString(),
                ["ConnectionStrings__Clinic"] = database.ConnectionString,
                ["ConnectionStrings__ClinicOwner"] = database.OwnerConnectionString,
                ["Clinic__Bootstrap__OwnerEmail"] = email,
                ["Clinic__Bootstrap__OwnerPassword"] = password,
            },
            "--urls",
            "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        Assert.Contains(key, Assert.Single(exit.ErrorLines), StringComparison.Ordinal);
    }
}

public sealed class BootstrapOwnerTests_on_Sqlite(SqliteApp fixture) : BootstrapOwnerTests(fixture), IClassFixture<SqliteApp>;

public sealed class BootstrapOwnerTests_on_Postgres(PostgresApp fixture) : BootstrapOwnerTests(fixture), IClassFixture<PostgresApp>;

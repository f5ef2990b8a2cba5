using System.Net;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.FirstRun;

/// <summary>Without a bootstrap owner the first run prints a one-time link, and there is no default password.</summary>
public abstract class FirstRunTests(FirstRunWithoutOwner fixture)
{
    [Fact]
    public async Task The_first_run_logs_one_setup_link_and_creates_no_account()
    {
        using var browser = fixture.App.Browser();

        var staff = await fixture.App.StaffCountAsync();
        var (start, _) = await browser.GetPageAsync("/start");

        Assert.Single(fixture.SetupLinks);
        Assert.Equal(0, staff);
        Assert.Equal("/sign-in", start.RedirectTarget().AbsolutePath);
    }

    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("admin@localhost", "admin")]
    [InlineData("owner@clinic.test", "password")]
    public async Task No_default_password_signs_in(string email, string password)
    {
        using var browser = fixture.App.Browser();

        var response = await browser.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Email"] = email, ["Input.Password"] = password });
        var (start, _) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/sign-in", start.RedirectTarget().AbsolutePath);
    }
}

public sealed class FirstRunTests_on_Sqlite(FirstRunWithoutOwnerOnSqlite fixture) : FirstRunTests(fixture), IClassFixture<FirstRunWithoutOwnerOnSqlite>;

public sealed class FirstRunTests_on_Postgres(FirstRunWithoutOwnerOnPostgres fixture) : FirstRunTests(fixture), IClassFixture<FirstRunWithoutOwnerOnPostgres>;

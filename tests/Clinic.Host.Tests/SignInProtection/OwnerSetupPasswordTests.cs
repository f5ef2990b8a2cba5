using System.Net;
using Clinic.Host.Tests.FirstRun;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>Owner setup refuses a weak password next to the field, stores nothing, and leaves the link usable.</summary>
public abstract class OwnerSetupPasswordTests(FirstRunWithoutOwner fixture)
{
    [Theory]
    [InlineData("short", "Use at least 12 characters.")]
    [InlineData("Password1234", "This password is too common")]
    [InlineData("qwertyuiop123", "This password is too common")]
    [InlineData("zzzzzzzzzzzzzzzz", "This password is too common")]
    [InlineData("new.owner@clinic.test!", "Do not use your email address")]
    public async Task A_weak_password_is_refused_next_to_the_password_field_and_nothing_is_stored(string password, string why)
    {
        var link = Assert.Single(fixture.SetupLinks).PathAndQuery;
        using var browser = fixture.App.Browser();

        var response = await browser.SubmitAsync(link, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Name"] = "Nadia Owner",
            ["Input.Email"] = "new.owner@clinic.test",
            ["Input.Password"] = password,
        });
        var page = await response.PageAsync();
        var (stillOpen, _) = await browser.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(why, page.FieldError("password"), StringComparison.Ordinal);
        Assert.Equal("true", page.GetElementById("password")?.GetAttribute("aria-invalid"));
        Assert.Null(page.FieldError("email"));
        Assert.Equal(0, await fixture.App.StaffCountAsync());
        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
    }
}

public sealed class OwnerSetupPasswordTests_on_Sqlite(FirstRunWithoutOwnerOnSqlite fixture) : OwnerSetupPasswordTests(fixture), IClassFixture<FirstRunWithoutOwnerOnSqlite>;

public sealed class OwnerSetupPasswordTests_on_Postgres(FirstRunWithoutOwnerOnPostgres fixture) : OwnerSetupPasswordTests(fixture), IClassFixture<FirstRunWithoutOwnerOnPostgres>;

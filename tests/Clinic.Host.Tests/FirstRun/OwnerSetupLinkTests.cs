using System.Net;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.FirstRun;

/// <summary>The printed link lets the person at the console create the owner account, once.</summary>
public abstract class OwnerSetupLinkTests(FirstRunWithoutOwner fixture)
{
    private const string Email = "new.owner@clinic.test";
    private const string Password = "a sentence that is long enough";

    [Fact]
    public async Task The_setup_link_creates_the_owner_once_and_then_expires()
    {
        var link = Assert.Single(fixture.SetupLinks).PathAndQuery;
        using var browser = fixture.App.Browser();

        var (opened, form) = await browser.GetPageAsync(link);
        var tooShort = await browser.SubmitAsync(link, Owner("short"));
        var tooShortPage = await tooShort.PageAsync();
        var staffAfterRefusal = await fixture.App.StaffCountAsync();
        var (stillOpen, _) = await browser.GetPageAsync(link);
        var created = await browser.SubmitAsync(link, Owner(Password));
        var (clients, _) = await browser.GetPageAsync("/clients");
        using var another = fixture.App.Browser();
        var (reused, expired) = await another.GetPageAsync(link);
        using var later = fixture.App.Browser();
        await later.SignInAsync(Email, Password);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.NotNull(form.GetElementById("password"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("Use at least 12 characters.", tooShortPage.FieldError("password"));
        Assert.Equal(0, staffAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        Assert.True(created.IsRedirect(), $"Creating the owner answered {(int)created.StatusCode}.");
        Assert.Equal("/start", created.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        var heading = expired.QuerySelector("h1")?.TextContent ?? "";
        Assert.True(
            heading.Contains("expired", StringComparison.OrdinalIgnoreCase),
            $"A used link shows \"{heading}\" instead of saying that it expired.");
        Assert.Null(expired.GetElementById("password"));
    }

    private static Dictionary<string, string> Owner(string password) => new(StringComparer.Ordinal)
    {
        ["Input.Name"] = "Nadia Owner",
        ["Input.Email"] = Email,
        ["Input.Password"] = password,
    };
}

public sealed class OwnerSetupLinkTests_on_Sqlite(FirstRunWithoutOwnerOnSqlite fixture) : OwnerSetupLinkTests(fixture), IClassFixture<FirstRunWithoutOwnerOnSqlite>;

public sealed class OwnerSetupLinkTests_on_Postgres(FirstRunWithoutOwnerOnPostgres fixture) : OwnerSetupLinkTests(fixture), IClassFixture<FirstRunWithoutOwnerOnPostgres>;

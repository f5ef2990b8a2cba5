using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.TwoFactor;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.SignInLinks;

/// <summary>Staff may sign in with an emailed link once the owner allows it; links are for one audience only.</summary>
public abstract class StaffSignInLinkTests(AppFixture fixture) : IAsyncLifetime
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    public Task InitializeAsync() => AllowLinksAsync(false);

    public Task DisposeAsync() => AllowLinksAsync(false);

    [Fact]
    public async Task Sign_in_by_email_is_refused_until_the_owner_allows_it()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        var (signIn, signInPage) = await browser.GetPageAsync("/sign-in");

        var refused = await AskAsync(browser, email);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Null(signInPage.QuerySelector("a[href='/sign-in/email']"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("does not allow signing in by email", (await refused.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await App.EventsAsync<SignInLinkRequested>(email));
    }

    [Fact]
    public async Task Once_allowed_a_member_signs_in_with_the_emailed_link()
    {
        var email = await NewStaffAsync();
        await AllowLinksAsync(true);
        using var browser = App.Browser();
        var (_, signInPage) = await browser.GetPageAsync("/sign-in");

        var asked = await AskAsync(browser, email);
        var link = await App.SignInLinkAsync(email);
        var signedIn = await browser.FollowLinkAsync(link);
        var (home, _) = await browser.GetPageAsync("/start");

        Assert.NotNull(signInPage.QuerySelector("a[href='/sign-in/email']"));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.StartsWith("/sign-in/link/", link, StringComparison.Ordinal);
        Assert.Equal("staff", (await App.EventsAsync<SignInLinkRequested>(email))[^1].GetProperty("audience").GetString());
        Assert.Equal("/start", signedIn.RedirectTarget().PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task A_member_with_two_factor_still_enters_a_code_after_the_link()
    {
        var (email, key, _) = await App.EnrolledStaffAsync();
        await AllowLinksAsync(true);
        using var browser = App.Browser();
        await AskAsync(browser, email);

        var followed = await browser.FollowLinkAsync(await App.SignInLinkAsync(email));
        var (beforeCode, _) = await browser.GetPageAsync("/start");
        var coded = await browser.SubmitAsync(TwoFactorBrowser.CodePath, StaffForms.Fields(("Input.Code", TwoFactorBrowser.CodeNow(App.Clock, key, 1))));
        var (afterCode, _) = await browser.GetPageAsync("/start");

        Assert.Equal(TwoFactorBrowser.CodePath, followed.RedirectTarget().AbsolutePath);
        Assert.Equal("/sign-in", beforeCode.RedirectTarget().AbsolutePath);
        Assert.True(coded.IsRedirect(), $"The code answered {(int)coded.StatusCode}.");
        Assert.Equal(HttpStatusCode.OK, afterCode.StatusCode);
    }

    [Fact]
    public async Task A_client_s_portal_link_does_not_sign_anyone_in_as_staff()
    {
        var clientEmail = $"client-{Guid.NewGuid():N}@example.com";
        await App.AddClientAsync("Rabia", "Aslam", clientEmail);
        await AllowLinksAsync(true);
        using var browser = App.Browser();
        await browser.AskForPortalLinkAsync(clientEmail);
        var token = (await App.SignInLinkAsync(clientEmail)).Split('/')[^1];

        var (refused, _) = await browser.GetPageAsync($"/sign-in/link/{token}");
        var (home, _) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.Equal("/sign-in", home.RedirectTarget().AbsolutePath);
    }

    [Fact]
    public async Task A_malformed_setting_gets_400_naming_it_and_changes_nothing()
    {
        await AllowLinksAsync(true);
        using var owner = App.Browser();
        await owner.SignInAsync();

        var refused = await owner.SubmitAsync("/staff/sign-in-settings", StaffForms.Fields(("Input.AllowLinks", "maybe")));
        var (_, page) = await owner.GetPageAsync("/staff/sign-in-settings");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Sign-in by email link", (await refused.PageAsync()).FieldError("allow-links"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#allow-links[checked]"));
    }

    [Fact]
    public async Task Only_the_owner_changes_the_setting()
    {
        var reception = await NewStaffAsync(Roles.Reception);
        using var browser = App.Browser();
        await browser.SignInAsync(reception, Password);

        var (page, _) = await browser.GetPageAsync("/staff/sign-in-settings");

        Assert.Equal("/access-denied", page.RedirectTarget().AbsolutePath);
    }

    private async Task AllowLinksAsync(bool allowed)
    {
        using var owner = App.Browser();
        await owner.SignInAsync();
        var fields = allowed ? StaffForms.Fields(("Input.AllowLinks", "true")) : StaffForms.Fields();
        var saved = await owner.SubmitAsync("/staff/sign-in-settings", fields);
        Assert.True(saved.IsRedirect(), $"Saving the setting answered {(int)saved.StatusCode}.");
    }

    private static Task<HttpResponseMessage> AskAsync(ClinicClient browser, string email) =>
        browser.SubmitAsync("/sign-in/email", StaffForms.Fields(("Input.Email", email)));

    private async Task<string> NewStaffAsync(string role = Roles.Clinician)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        return email;
    }
}

public sealed class StaffSignInLinkTests_on_Sqlite(SqliteApp fixture) : StaffSignInLinkTests(fixture), IClassFixture<SqliteApp>;

public sealed class StaffSignInLinkTests_on_Postgres(PostgresApp fixture) : StaffSignInLinkTests(fixture), IClassFixture<PostgresApp>;

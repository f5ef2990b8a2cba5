using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;
using static Clinic.Host.Tests.TwoFactor.TwoFactorBrowser;

namespace Clinic.Host.Tests.TwoFactor;

/// <summary>A staff member with two-factor on makes ten new recovery codes, and the old ones stop working.</summary>
public abstract class RecoveryCodeTests(AppFixture fixture)
{
    private const string SessionCookie = "clinic.session";
    private const string RegenerateForm = "#regenerate-recovery-codes";
    private const string PasswordField = "RegenerateInput.CurrentPassword";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_at_once_and_are_audited()
    {
        var email = await App.NewStaffAsync();
        using var member = App.Browser();
        await member.SignInAsync(email, SignInAttempts.Password);
        var (_, oldCodes) = await member.EnrolAsync(App.Clock);
        var (_, page) = await member.GetPageAsync(EnrolPath);

        HttpResponseMessage response = null!;
        var recorded = await App.RecordedDuringAsync(async () =>
            response = await member.PostAsync(page, EnrolPath, RegenerateForm, Fields(PasswordField, SignInAttempts.Password)));
        var newCodes = (await response.PageAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        var oldOne = await SignInWithCodeAsync(email, oldCodes[0]);
        var newOne = await SignInWithCodeAsync(email, newCodes[0]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, newCodes.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(newCodes.Intersect(oldCodes, StringComparer.Ordinal));
        Assert.Single(recorded, e => e.Action == "twofactor.recovery_codes_regenerated" && e.Outcome == "success");
        Assert.Equal(HttpStatusCode.BadRequest, oldOne.StatusCode);
        Assert.False(oldOne.SetsCookie(SessionCookie));
        Assert.True(newOne.SetsCookie(SessionCookie));
    }

    [Fact]
    public async Task Without_the_right_password_nothing_changes_and_the_field_says_why()
    {
        var email = await App.NewStaffAsync();
        using var member = App.Browser();
        await member.SignInAsync(email, SignInAttempts.Password);
        var (_, codes) = await member.EnrolAsync(App.Clock);
        var (_, page) = await member.GetPageAsync(EnrolPath);

        var empty = await member.PostAsync(page, EnrolPath, RegenerateForm, Fields(PasswordField, ""));
        HttpResponseMessage wrong = null!;
        var recorded = await App.RecordedDuringAsync(async () =>
            wrong = await member.PostAsync(page, EnrolPath, RegenerateForm, Fields(PasswordField, "not the password")));
        var stillWorks = await SignInWithCodeAsync(email, codes[0]);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Type your current password.", (await empty.PageAsync()).FieldError("current-password"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("That is not your current password.", (await wrong.PageAsync()).FieldError("current-password"));
        Assert.Empty((await wrong.PageAsync()).QuerySelectorAll(".recovery-codes"));
        Assert.Single(recorded, e => e.Action == "twofactor.recovery_codes_regenerated" && e.Outcome == "failure");
        Assert.True(stillWorks.SetsCookie(SessionCookie));
    }

    [Fact]
    public async Task The_page_tells_how_many_recovery_codes_are_left()
    {
        var (email, _, codes) = await App.EnrolledStaffAsync();
        await SignInWithCodeAsync(email, codes[5]);
        using var member = App.Browser();
        await member.PasswordAsync(email);
        await member.CodeAsync(codes[6]);

        var (_, page) = await member.GetPageAsync(EnrolPath);

        Assert.Equal("8", page.GetElementById("unused-recovery-codes")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_member_without_two_factor_has_no_codes_to_replace()
    {
        var email = await App.NewStaffAsync();
        using var member = App.Browser();
        await member.SignInAsync(email, SignInAttempts.Password);
        var (_, enrolPage) = await member.GetPageAsync(EnrolPath);
        var token = enrolPage.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "";

        using var request = new HttpRequestMessage(HttpMethod.Post, EnrolPath)
        {
            Content = new FormUrlEncodedContent(Fields("_handler", "regenerate-recovery-codes", "__RequestVerificationToken", token, PasswordField, SignInAttempts.Password)),
        };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await member.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await response.PageAsync()).QuerySelectorAll(".recovery-codes"));
    }

    private async Task<HttpResponseMessage> SignInWithCodeAsync(string email, string code)
    {
        using var browser = App.Browser();
        await browser.PasswordAsync(email);
        return await browser.CodeAsync(code);
    }
}

public sealed class RecoveryCodeTests_on_Sqlite(SqliteApp fixture) : RecoveryCodeTests(fixture), IClassFixture<SqliteApp>;

public sealed class RecoveryCodeTests_on_Postgres(PostgresApp fixture) : RecoveryCodeTests(fixture), IClassFixture<PostgresApp>;

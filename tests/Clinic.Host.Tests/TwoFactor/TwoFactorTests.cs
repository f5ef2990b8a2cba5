using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;
using static Clinic.Host.Tests.TwoFactor.TwoFactorBrowser;

namespace Clinic.Host.Tests.TwoFactor;

/// <summary>Setting up two-factor sign-in, signing in with it, and turning it off.</summary>
public abstract class TwoFactorTests(AppFixture fixture)
{
    private const string SessionCookie = "clinic.session";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Enrolment_with_a_wrong_code_is_refused_naming_the_field_and_keeps_the_same_key()
    {
        var email = await App.NewStaffAsync();
        using var browser = App.Browser();
        await browser.SignInAsync(email, SignInAttempts.Password);
        var (_, page) = await browser.GetPageAsync(EnrolPath);
        var key = KeyShown(page);

        var response = await browser.PostAsync(page, EnrolPath, "#enable-two-factor", Fields("EnableInput.Code", WrongCode(App.Clock, key)));
        var answer = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("That code is not right", answer.FieldError("code"), StringComparison.Ordinal);
        Assert.Equal(key, KeyShown(answer));
    }

    [Fact]
    public async Task The_right_code_turns_two_factor_on_and_shows_ten_recovery_codes_once()
    {
        var email = await App.NewStaffAsync();
        using var browser = App.Browser();
        await browser.SignInAsync(email, SignInAttempts.Password);

        IReadOnlyList<string> codes = [];
        var recorded = await App.RecordedDuringAsync(async () => (_, codes) = await browser.EnrolAsync(App.Clock));
        var (_, later) = await browser.GetPageAsync(EnrolPath);

        Assert.Equal(10, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(recorded, e => e.Action == "twofactor.enabled");
        Assert.Empty(later.QuerySelectorAll(".recovery-codes"));
        Assert.NotNull(later.QuerySelector("#disable-two-factor"));
    }

    [Fact]
    public async Task After_the_password_the_code_is_asked_for_and_no_session_starts_until_it_is_right()
    {
        var (email, key, _) = await App.EnrolledStaffAsync();
        using var browser = App.Browser();

        var password = await browser.PasswordAsync(email);
        var wrong = await browser.CodeAsync(WrongCode(App.Clock, key));
        var right = await browser.CodeAsync(CodeNow(App.Clock, key, stepsAhead: 1));
        var (sessions, _) = await browser.GetPageAsync("/account/sessions");

        Assert.True(password.IsRedirect());
        Assert.Equal(CodePath, password.RedirectTarget().AbsolutePath);
        Assert.False(password.SetsCookie(SessionCookie));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.False(wrong.SetsCookie(SessionCookie));
        Assert.True(right.IsRedirect());
        Assert.True(right.SetsCookie(SessionCookie));
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
    }

    [Fact]
    public async Task The_code_step_alone_without_a_password_opens_nothing()
    {
        await App.EnrolledStaffAsync();
        using var browser = App.Browser();

        var (page, form) = await browser.GetPageAsync(CodePath);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(form.QuerySelector("form.form"));
    }

    [Fact]
    public async Task A_code_used_once_is_refused_when_replayed_in_the_same_step()
    {
        var (email, key, _) = await App.EnrolledStaffAsync();
        var code = CodeNow(App.Clock, key, stepsAhead: 1);
        using var first = App.Browser();
        using var second = App.Browser();

        await first.PasswordAsync(email);
        var used = await first.CodeAsync(code);
        await second.PasswordAsync(email);
        var replayed = await second.CodeAsync(code);

        Assert.True(used.SetsCookie(SessionCookie));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.False(replayed.SetsCookie(SessionCookie));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (email, _, codes) = await App.EnrolledStaffAsync();
        using var first = App.Browser();
        using var second = App.Browser();

        await first.PasswordAsync(email);
        var used = await first.CodeAsync(codes[3]);
        await second.PasswordAsync(email);
        var again = await second.CodeAsync(codes[3]);

        Assert.True(used.SetsCookie(SessionCookie));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_are_audited_and_five_lock_the_account_even_for_the_right_code()
    {
        var (email, key, _) = await App.EnrolledStaffAsync();
        using var browser = App.Browser();
        await browser.PasswordAsync(email);

        var recorded = await App.RecordedDuringAsync(async () =>
        {
            for (var i = 0; i < 5; i++)
                await browser.CodeAsync(WrongCode(App.Clock, key, seed: i * 10));
        });
        var right = await browser.CodeAsync(CodeNow(App.Clock, key, stepsAhead: 1));

        Assert.Equal(5, recorded.Count(e => e.Action == "signin.twofactor_failed"));
        Assert.Single(recorded, e => e.Action == "signin.lockout");
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
    }

    [Fact]
    public async Task Turning_two_factor_off_needs_the_password_again()
    {
        var email = await App.NewStaffAsync();
        using var browser = App.Browser();
        await browser.SignInAsync(email, SignInAttempts.Password);
        await browser.EnrolAsync(App.Clock);
        var (_, page) = await browser.GetPageAsync(EnrolPath);

        var wrong = await browser.PostAsync(page, EnrolPath, "#disable-two-factor", Fields("DisableInput.Password", "not the password"));
        var right = await browser.PostAsync(page, EnrolPath, "#disable-two-factor", Fields("DisableInput.Password", SignInAttempts.Password));
        using var later = App.Browser();
        var signIn = await later.PasswordAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("That is not your current password.", (await wrong.PageAsync()).FieldError("password"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True(signIn.SetsCookie(SessionCookie));
    }
}

public sealed class TwoFactorTests_on_Sqlite(SqliteApp fixture) : TwoFactorTests(fixture), IClassFixture<SqliteApp>;

public sealed class TwoFactorTests_on_Postgres(PostgresApp fixture) : TwoFactorTests(fixture), IClassFixture<PostgresApp>;

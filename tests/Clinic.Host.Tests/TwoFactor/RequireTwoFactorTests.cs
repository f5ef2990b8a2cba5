using System.Net;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;
using static Clinic.Host.Tests.TwoFactor.TwoFactorBrowser;

namespace Clinic.Host.Tests.TwoFactor;

/// <summary>The Owner requires two-factor sign-in for everyone: members without it can only set it up.</summary>
public abstract class RequireTwoFactorTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Only_the_owner_sees_the_clinic_setting()
    {
        var email = await App.NewStaffAsync();
        using var reception = App.Browser();
        await reception.SignInAsync(email, SignInAttempts.Password);
        using var owner = App.Browser();
        await owner.SignInAsync();

        var (_, receptionPage) = await reception.GetPageAsync(EnrolPath);
        var (_, ownerPage) = await owner.GetPageAsync(EnrolPath);

        Assert.Null(receptionPage.QuerySelector("#require-two-factor"));
        Assert.NotNull(ownerPage.QuerySelector("#require-two-factor"));
    }

    [Fact]
    public async Task When_required_a_member_without_it_is_sent_to_enrolment_and_reaches_nothing_else_until_enrolled()
    {
        var email = await App.NewStaffAsync();
        using (var owner = App.Browser())
        {
            await owner.SignInAsync();
            var (_, page) = await owner.GetPageAsync(EnrolPath);
            await owner.PostAsync(page, EnrolPath, "#require-two-factor", Fields());
        }

        try
        {
            using var browser = App.Browser();
            var signIn = await browser.PasswordAsync(email);
            var (elsewhere, _) = await browser.GetPageAsync("/account/sessions");
            var (_, enrolment) = await browser.GetPageAsync(EnrolPath);
            var key = KeyShown(enrolment);
            var enrolled = await browser.PostAsync(enrolment, EnrolPath, "#enable-two-factor", Fields("EnableInput.Code", CodeNow(App.Clock, key)));
            var (afterwards, _) = await browser.GetPageAsync("/account/sessions");

            Assert.Equal(EnrolPath, signIn.RedirectTarget().AbsolutePath);
            Assert.True(elsewhere.IsRedirect());
            Assert.Equal(EnrolPath, elsewhere.RedirectTarget().AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
            Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        }
        finally
        {
            await App.InClinicAsync(async db => await db.ExecuteAsync("DELETE FROM accounts_clinic_settings WHERE tenant_id = @tenant_id"));
        }
    }
}

public sealed class RequireTwoFactorTests_on_Sqlite(SqliteApp fixture) : RequireTwoFactorTests(fixture), IClassFixture<SqliteApp>;

public sealed class RequireTwoFactorTests_on_Postgres(PostgresApp fixture) : RequireTwoFactorTests(fixture), IClassFixture<PostgresApp>;

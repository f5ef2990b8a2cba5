using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>A form posted from another site carries no antiforgery token, or the wrong one: it gets a 400 and changes nothing.</summary>
public abstract class CsrfTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_sign_in_form_posted_without_its_antiforgery_token_gets_400_and_no_session()
    {
        using var browser = App.Browser();
        await browser.GetPageAsync("/sign-in");

        var response = await browser.PostAsync("/sign-in", StaffForms.Fields(
            ("_handler", "sign-in"), ("Input.Email", ClinicApp.OwnerEmail), ("Input.Password", ClinicApp.OwnerPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsCookie(StaffSession.CookieName));
    }

    [Fact]
    public async Task The_sign_in_form_posted_with_another_browser_s_token_gets_400_and_no_session()
    {
        using var attacker = App.Browser();
        using var victim = App.Browser();
        var attackersToken = await attacker.AntiforgeryTokenAsync("/sign-in");
        await victim.GetPageAsync("/sign-in");

        var response = await victim.PostAsync("/sign-in", StaffForms.Fields(
            ("_handler", "sign-in"), ("__RequestVerificationToken", attackersToken),
            ("Input.Email", ClinicApp.OwnerEmail), ("Input.Password", ClinicApp.OwnerPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsCookie(StaffSession.CookieName));
    }

    [Fact]
    public async Task The_change_password_form_posted_without_its_token_gets_400_and_the_password_stays()
    {
        var email = $"csrf-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, Password);
        using var member = App.Browser();
        await member.SignInAsync(email, Password);

        var response = await member.PostAsync("/account/password", StaffForms.Fields(
            ("_handler", "change-password"), ("Input.CurrentPassword", Password),
            ("Input.NewPassword", "an attacker's chosen sentence"), ("Input.ConfirmPassword", "an attacker's chosen sentence")));
        using var again = App.Browser();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await again.SignInAsync(email, Password);
    }

    [Fact]
    public async Task The_deactivate_form_posted_without_its_token_gets_400_and_the_member_stays_active()
    {
        var email = $"csrf-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Clinician, Password);
        var id = await App.StaffIdAsync(email);
        using var owner = App.Browser();
        await owner.SignInAsync();

        var response = await owner.PostAsync($"/staff/{id}/deactivate", StaffForms.Fields(("_handler", "deactivate-staff"), ("Input.Confirm", "yes")));
        var active = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @id AND active = TRUE", new { id }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, active);
    }

    [Fact]
    public async Task Sign_out_posted_without_its_token_gets_400_and_the_session_goes_on()
    {
        using var owner = App.Browser();
        await owner.SignInAsync();

        var response = await owner.PostAsync("/sign-out", StaffForms.Fields());
        var (after, _) = await owner.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsCookie(StaffSession.CookieName));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Sign_out_posted_with_another_browser_s_token_gets_400_and_the_session_goes_on()
    {
        using var attacker = App.Browser();
        var attackersToken = await attacker.AntiforgeryTokenAsync("/sign-in");
        using var owner = App.Browser();
        await owner.SignInAsync();

        var response = await owner.PostAsync("/sign-out", StaffForms.Fields(("__RequestVerificationToken", attackersToken)));
        var (after, _) = await owner.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Portal_sign_out_posted_without_its_token_gets_400_and_the_client_stays_signed_in()
    {
        var email = $"csrf-{Guid.NewGuid():N}@client.test";
        await App.AddClientAsync("Sana", "Raza", email);
        using var client = App.Browser();
        await client.SignInToPortalAsync(App, email);

        var response = await client.PostAsync("/portal/sign-out", StaffForms.Fields());
        var (after, _) = await client.GetPageAsync("/portal");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}

public sealed class CsrfTests_on_Sqlite(SqliteApp fixture) : CsrfTests(fixture), IClassFixture<SqliteApp>;

public sealed class CsrfTests_on_Postgres(PostgresApp fixture) : CsrfTests(fixture), IClassFixture<PostgresApp>;

using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Sessions;

/// <summary>Changing a role and exporting the audit trail ask for the password again once the session's last proof is over five minutes old.</summary>
public abstract class ConfirmationTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Changing_a_role_in_an_older_session_asks_for_the_password_and_then_goes_ahead()
    {
        var (owner, ownerEmail) = await OwnerAsync();
        using var _ = owner;
        var member = await NewStaffAsync(Roles.Reception);
        var id = await App.StaffIdAsync(member);
        await AgeConfirmationAsync(ownerEmail);

        var refused = await PostRoleAsync(owner, id, Roles.Clinician);
        var roleAfterRefusal = await RoleAsync(member);
        var confirmPath = refused.RedirectTarget().PathAndQuery;
        var wrong = await owner.SubmitAsync(confirmPath, StaffForms.Fields(("Input.Password", "not my password at all")));
        var confirmed = await owner.SubmitAsync(confirmPath, StaffForms.Fields(("Input.Password", Password)));
        var changed = await PostRoleAsync(owner, id, Roles.Clinician);

        Assert.Equal("/account/confirm", refused.RedirectTarget().AbsolutePath);
        Assert.Equal(Roles.Reception, roleAfterRefusal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("password is not right", (await wrong.PageAsync()).FieldError("password"), StringComparison.Ordinal);
        Assert.Equal($"/staff/{id}/role", confirmed.RedirectTarget().PathAndQuery);
        Assert.Equal("/staff", changed.RedirectTarget().AbsolutePath);
        Assert.Equal(Roles.Clinician, await RoleAsync(member));
    }

    [Fact]
    public async Task Exporting_the_audit_trail_in_an_older_session_asks_for_the_password_and_returns_to_the_same_export()
    {
        var (owner, ownerEmail) = await OwnerAsync();
        using var _ = owner;
        await AgeConfirmationAsync(ownerEmail);

        var refused = await owner.Http.GetAsync("/audit.csv?action=signin.succeeded");
        var confirmed = await owner.SubmitAsync(refused.RedirectTarget().PathAndQuery, StaffForms.Fields(("Input.Password", Password)));
        var export = await owner.Http.GetAsync(confirmed.RedirectTarget().PathAndQuery);

        Assert.Equal("/account/confirm", refused.RedirectTarget().AbsolutePath);
        Assert.Equal("/audit.csv?action=signin.succeeded", confirmed.RedirectTarget().PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_fresh_sign_in_counts_as_confirmation()
    {
        var (owner, _) = await OwnerAsync();
        using var __ = owner;

        var export = await owner.Http.GetAsync("/audit.csv");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Theory]
    [InlineData("%2F%2Fevil.example%2Fsteal")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task Confirming_never_sends_the_member_to_another_site(string returnUrl)
    {
        var (owner, ownerEmail) = await OwnerAsync();
        using var _ = owner;
        await AgeConfirmationAsync(ownerEmail);

        var confirmed = await owner.SubmitAsync($"/account/confirm?returnUrl={returnUrl}", StaffForms.Fields(("Input.Password", Password)));

        Assert.Equal("localhost", confirmed.RedirectTarget().Host);
        Assert.Equal("/start", confirmed.RedirectTarget().PathAndQuery);
    }

    private async Task<(ClinicClient Browser, string Email)> OwnerAsync()
    {
        var email = await NewStaffAsync(Roles.Owner);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return (browser, email);
    }

    private async Task<string> NewStaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        return email;
    }

    private static async Task<HttpResponseMessage> PostRoleAsync(ClinicClient owner, Guid id, string role) =>
        await owner.PostAsync($"/staff/{id}/role", StaffForms.Fields(
            ("_handler", "change-role"), ("__RequestVerificationToken", await owner.AntiforgeryTokenAsync("/staff")), ("Input.Role", role)));

    private Task<int> AgeConfirmationAsync(string email) =>
        App.InClinicAsync(db => db.ExecuteAsync(
            """
            UPDATE accounts_sessions SET confirmed_at = @past
            WHERE tenant_id = @tenant_id AND staff_id = (SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email)
            """,
            new { email, past = App.Clock.GetUtcNow().AddMinutes(-6) }));

    private Task<string?> RoleAsync(string email) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<string>("SELECT role FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email", new { email }));
}

public sealed class ConfirmationTests_on_Sqlite(SqliteApp fixture) : ConfirmationTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConfirmationTests_on_Postgres(PostgresApp fixture) : ConfirmationTests(fixture), IClassFixture<PostgresApp>;

using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Time;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.StaffManagement;

/// <summary>
/// The Accounts forms on the form page: every field points at an error element that is on the page, a refusal names
/// its field beside it and stores nothing, a success redirects (after-post pages say what happened), and times are
/// the clinic's.
/// </summary>
public abstract class AccountsFormPageTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Theory]
    [InlineData("/staff", "form.invite-staff")]
    [InlineData("/account/password", "form")]
    [InlineData("/account/confirm", "form")]
    [InlineData("/staff/sign-in-settings", "form")]
    [InlineData("/settings/clinic-profile", "form.clinic-profile")]
    public async Task Every_field_of_an_owners_form_points_at_a_hint_or_error_that_is_on_the_page(string path, string form)
    {
        using var owner = await StaffAsync(Roles.Owner);

        var (response, page) = await owner.GetPageAsync(path);
        // Every text box and list says where its error goes; a check box may, and then it must exist too.
        var fields = page.QuerySelectorAll($"main {form} input[name^='Input.']:not([type=hidden]):not([type=checkbox]), main {form} select, main {form} textarea").ToList();
        var described = page.QuerySelectorAll($"main {form} [aria-describedby]").ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(described);
        Assert.All(fields, field => Assert.Contains(field, described));
        Assert.All(described, control =>
        {
            Assert.All(control.GetAttribute("aria-describedby")!.Split(' '), id =>
                Assert.True(page.GetElementById(id) is not null, $"{path}: {control.GetAttribute("name")} points at #{id}, which is not on the page"));
            Assert.Null(control.GetAttribute("aria-invalid"));
        });
    }

    [Fact]
    public async Task Inviting_someone_who_is_already_staff_answers_400_beside_the_email_and_stores_no_invitation()
    {
        var member = NewEmail();
        await App.AddStaffAsync(member, Roles.Reception, Password);
        using var owner = await StaffAsync(Roles.Owner);

        var recorded = await App.RecordedDuringAsync(async () =>
        {
            var response = await owner.InviteAsync("Rida Noor", member, Roles.Clinician);
            var page = await response.PageAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("This email already belongs to an active member of staff.", page.FieldError("email"));
            Assert.Equal("true", page.GetElementById("email")?.GetAttribute("aria-invalid"));
            Assert.NotNull(page.QuerySelector("table.staff"));
        });

        Assert.Empty(recorded);
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_invitations WHERE tenant_id = @tenant_id AND email = @member", new { member })));
    }

    [Fact]
    public async Task A_changed_password_redirects_to_the_page_which_then_says_so()
    {
        var email = NewEmail();
        await App.AddStaffAsync(email, Roles.Reception, Password);
        using var browser = App.Browser();
        await browser.SignInAsync(email, Password);

        var changed = await browser.SubmitAsync("/account/password", StaffForms.Fields(
            ("Input.CurrentPassword", Password), ("Input.NewPassword", "a new and longer passphrase"), ("Input.ConfirmPassword", "a new and longer passphrase")));
        var (_, page) = await browser.GetPageAsync(changed.RedirectTarget().PathAndQuery);

        Assert.Equal("/account/password?changed=true", changed.RedirectTarget().PathAndQuery);
        Assert.Contains("Your password is changed", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_the_failed_attempt_stays_in_the_audit_trail()
    {
        var email = NewEmail();
        await App.AddStaffAsync(email, Roles.Reception, Password);
        using var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        HttpResponseMessage response = null!;

        var recorded = await App.RecordedDuringAsync(async () => response = await browser.SubmitAsync("/account/password", StaffForms.Fields(
            ("Input.CurrentPassword", "not my password at all"), ("Input.NewPassword", "a new and longer passphrase"), ("Input.ConfirmPassword", "a new and longer passphrase"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("true", (await response.PageAsync()).GetElementById("current-password")?.GetAttribute("aria-invalid"));
        Assert.Equal([("password.changed", "failure")], recorded.Select(e => (e.Action, e.Outcome)));
    }

    [Fact]
    public async Task The_sessions_page_says_when_a_session_began_in_the_clinics_time()
    {
        var email = NewEmail();
        await App.AddStaffAsync(email, Roles.Reception, Password);
        using var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        var karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

        var (_, page) = await browser.GetPageAsync("/account/sessions");
        var began = page.QuerySelector("tr[data-session] td:nth-child(3) time")?.TextContent.Trim();

        Assert.Equal(ClinicDates.Moment(App.Clock.GetUtcNow(), karachi), began);
    }

    private async Task<ClinicClient> StaffAsync(string role)
    {
        var email = NewEmail();
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }

    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@clinic.test";
}

public sealed class AccountsFormPageTests_on_Sqlite(SqliteApp fixture) : AccountsFormPageTests(fixture), IClassFixture<SqliteApp>;

public sealed class AccountsFormPageTests_on_Postgres(PostgresApp fixture) : AccountsFormPageTests(fixture), IClassFixture<PostgresApp>;

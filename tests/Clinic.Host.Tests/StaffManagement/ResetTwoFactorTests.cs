using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;
using static Clinic.Host.Tests.TwoFactor.TwoFactorBrowser;

namespace Clinic.Host.Tests.StaffManagement;

/// <summary>The owner turns two-factor sign-in off for a member who lost their phone, and only for someone else.</summary>
public abstract class ResetTwoFactorTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";
    private const string SessionCookie = "clinic.session";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_owner_resets_a_member_s_two_factor_and_the_member_is_signed_out_everywhere()
    {
        using var owner = await SignedInAsync(await NewStaffAsync(Roles.Owner));
        var (email, key) = await EnrolledAsync(Roles.Clinician);
        var id = await App.StaffIdAsync(email);
        using var member = App.Browser();
        await member.PasswordAsync(email, Password);
        await member.CodeAsync(CodeNow(App.Clock, key, stepsAhead: 1));
        var (live, _) = await member.GetPageAsync("/account/sessions");
        var (_, before) = await owner.GetPageAsync("/staff");

        HttpResponseMessage reset = null!;
        var recorded = await App.RecordedDuringAsync(async () => reset = await owner.ResetTwoFactorAsync(id));
        var ended = await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT ended_reason FROM accounts_sessions WHERE tenant_id = @tenant_id AND staff_id = @id", new { id }));
        var (afterReset, _) = await member.GetPageAsync("/account/sessions");
        var (_, after) = await owner.GetPageAsync("/staff");
        using var again = App.Browser();
        var passwordOnly = await again.PasswordAsync(email, Password);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("On", before.QuerySelector($"tr[data-staff='{id}'] .two-factor")?.TextContent.Trim());
        Assert.NotNull(before.QuerySelector($"tr[data-staff='{id}'] a.reset-two-factor"));
        Assert.True(reset.IsRedirect());
        Assert.Contains(recorded, e => e.Action == "twofactor.reset" && e.RecordId == id);
        Assert.Equal(["two-factor reset", "two-factor reset"], ended); // the enrolling browser's session, and the member's
        Assert.Equal("/sign-in", afterReset.RedirectTarget().AbsolutePath);
        Assert.Equal("Off", after.QuerySelector($"tr[data-staff='{id}'] .two-factor")?.TextContent.Trim());
        Assert.Null(after.QuerySelector($"tr[data-staff='{id}'] a.reset-two-factor"));
        Assert.True(passwordOnly.SetsCookie(SessionCookie));
    }

    [Fact]
    public async Task An_owner_cannot_reset_their_own_two_factor_here()
    {
        var (email, key) = await EnrolledAsync(Roles.Owner);
        var id = await App.StaffIdAsync(email);
        using var owner = App.Browser();
        await owner.PasswordAsync(email, Password);
        await owner.CodeAsync(CodeNow(App.Clock, key, stepsAhead: 1));
        var (_, list) = await owner.GetPageAsync("/staff");

        var response = await owner.ResetTwoFactorAsync(id);
        using var later = App.Browser();
        var signIn = await later.PasswordAsync(email, Password);

        Assert.Null(list.QuerySelector($"tr[data-staff='{id}'] a.reset-two-factor"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot reset your own", (await response.PageAsync()).QuerySelector("form [role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(CodePath, signIn.RedirectTarget().AbsolutePath);
    }

    [Fact]
    public async Task A_member_without_two_factor_has_nothing_to_reset()
    {
        using var owner = await SignedInAsync(await NewStaffAsync(Roles.Owner));
        var id = await App.StaffIdAsync(await NewStaffAsync(Roles.Reception));

        HttpResponseMessage response = null!;
        var recorded = await App.RecordedDuringAsync(async () => response = await owner.ResetTwoFactorAsync(id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already off", (await response.PageAsync()).QuerySelector("form [role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(recorded, e => e.Action == "twofactor.reset");
    }

    [Fact]
    public async Task Only_the_owner_may_reset_someone_s_two_factor()
    {
        var (email, _) = await EnrolledAsync(Roles.Clinician);
        var id = await App.StaffIdAsync(email);
        using var reception = await SignedInAsync(await NewStaffAsync(Roles.Reception));
        var token = await reception.AntiforgeryTokenAsync("/account/password");

        var (page, _) = await reception.GetPageAsync($"/staff/{id}/reset-two-factor");
        var post = await reception.PostAsync($"/staff/{id}/reset-two-factor", StaffForms.Fields(
            ("_handler", "reset-two-factor"), ("__RequestVerificationToken", token), ("Input.Confirm", "yes")));
        using var later = App.Browser();
        var signIn = await later.PasswordAsync(email, Password);

        Assert.Equal("/access-denied", page.RedirectTarget().AbsolutePath);
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden || post.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)post.StatusCode}");
        Assert.Equal(CodePath, signIn.RedirectTarget().AbsolutePath);
    }

    [Fact]
    public async Task An_unknown_or_malformed_staff_id_is_not_found()
    {
        using var owner = await SignedInAsync(await NewStaffAsync(Roles.Owner));

        var (unknown, _) = await owner.GetPageAsync($"/staff/{Guid.NewGuid()}/reset-two-factor");
        var (malformed, _) = await owner.GetPageAsync("/staff/not-an-id/reset-two-factor");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    private async Task<ClinicClient> SignedInAsync(string email)
    {
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }

    /// <summary>A new member with two-factor on; the browser that enrolled them is closed.</summary>
    private async Task<(string Email, byte[] Key)> EnrolledAsync(string role)
    {
        var email = await NewStaffAsync(role);
        using var browser = await SignedInAsync(email);
        var (key, _) = await browser.EnrolAsync(App.Clock);
        return (email, key);
    }

    private async Task<string> NewStaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        return email;
    }
}

public sealed class ResetTwoFactorTests_on_Sqlite(SqliteApp fixture) : ResetTwoFactorTests(fixture), IClassFixture<SqliteApp>;

public sealed class ResetTwoFactorTests_on_Postgres(PostgresApp fixture) : ResetTwoFactorTests(fixture), IClassFixture<PostgresApp>;

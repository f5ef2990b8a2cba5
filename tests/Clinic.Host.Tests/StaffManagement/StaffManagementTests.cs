using System.Net;
using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.StaffManagement;

/// <summary>The owner invites, re-roles and deactivates staff; the invited person joins through a single-use link.</summary>
public abstract class StaffManagementTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";
    private const string JoinPassword = "my own sentence for the clinic";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task An_invited_receptionist_joins_through_the_link_and_sees_only_what_reception_may()
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();

        var inviting = await App.RecordedDuringAsync(async () =>
            Assert.True((await owner.InviteAsync("Rida Noor", email, Roles.Reception)).IsRedirect()));
        var invited = await OutboxAsync(email);
        var (_, list) = await owner.GetPageAsync("/staff");
        var link = new Uri(App.OpenLink(invited.GetProperty("acceptUrl"))).AbsolutePath;
        using var invitee = App.Browser();
        var (opened, invitation) = await invitee.GetPageAsync(link);
        var refused = await invitee.SubmitAsync(link, Join("short pass", "short pass"));
        var refusedPage = await refused.PageAsync();
        var storedAfterRefusal = await StaffCountAsync(email);
        var joining = await App.RecordedDuringAsync(async () =>
        {
            var joined = await invitee.SubmitAsync(link, Join(JoinPassword, JoinPassword));
            Assert.True(joined.IsRedirect(), $"Joining answered {(int)joined.StatusCode}.");
            Assert.Equal("/start", joined.RedirectTarget().AbsolutePath);
        });
        var (schedule, _) = await invitee.GetPageAsync("/schedule");
        var (clients, _) = await invitee.GetPageAsync("/clients");
        var (staff, _) = await invitee.GetPageAsync("/staff");
        var (billing, _) = await invitee.GetPageAsync("/billing");
        var (again, _) = await App.Browser().GetPageAsync(link);

        var invitedEntry = Assert.Single(inviting, e => e.Action == "staff.invited");
        Assert.Equal(Guid.Parse(invited.GetProperty("invitationId").GetString()!), invitedEntry.RecordId);
        Assert.Equal(("Rida Noor", "Reception"), (invited.GetProperty("name").GetString(), invited.GetProperty("role").GetString()));
        Assert.Contains(list.QuerySelectorAll("tr[data-invitation]"), r => r.TextContent.Contains(email, StringComparison.Ordinal) && r.TextContent.Contains("pending", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains(email, invitation.QuerySelector(".invited-email")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(refusedPage.FieldError("password"));
        Assert.Equal(0, storedAfterRefusal);
        Assert.Contains(joining, e => e.Action == "staff.invitation_accepted" && e.RecordId == invitedEntry.RecordId);
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
        Assert.Equal("/access-denied", staff.RedirectTarget().AbsolutePath);
        Assert.Equal("/access-denied", billing.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(Roles.Reception, await App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT role FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email", new { email })));
    }

    [Fact]
    public async Task A_common_password_is_refused_naming_the_field()
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();
        await owner.InviteAsync("Common Choice", email, Roles.Clinician);
        var link = new Uri(App.OpenLink((await OutboxAsync(email)).GetProperty("acceptUrl"))).AbsolutePath;

        var refused = await App.Browser().SubmitAsync(link, Join("password1234", "password1234"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("too common", (await refused.PageAsync()).FieldError("password"), StringComparison.Ordinal);
        Assert.Equal(0, await StaffCountAsync(email));
    }

    [Fact]
    public async Task An_expired_invitation_answers_410()
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();
        await owner.InviteAsync("Late Comer", email, Roles.Clinician);
        var link = new Uri(App.OpenLink((await OutboxAsync(email)).GetProperty("acceptUrl"))).AbsolutePath;

        await App.InClinicAsync(db => db.ExecuteAsync(
            "UPDATE accounts_invitations SET expires_at = @past WHERE tenant_id = @tenant_id AND email = @email",
            new { past = App.Clock.GetUtcNow().AddMinutes(-1), email }));
        var (response, page) = await App.Browser().GetPageAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("This invitation has expired", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_link_answers_410()
    {
        var (response, _) = await App.Browser().GetPageAsync("/invite/" + SecretToken.Create());

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task Inviting_a_pending_email_again_replaces_the_first_link()
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();
        await owner.InviteAsync("Twice Asked", email, Roles.Clinician);
        var first = new Uri(App.OpenLink((await OutboxAsync(email)).GetProperty("acceptUrl"))).AbsolutePath;
        await owner.InviteAsync("Twice Asked", email, Roles.Clinician);
        var second = new Uri(App.OpenLink((await OutboxAsync(email)).GetProperty("acceptUrl"))).AbsolutePath;

        var (old, _) = await App.Browser().GetPageAsync(first);
        var (current, _) = await App.Browser().GetPageAsync(second);

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Theory]
    [InlineData("Name Given", "not-an-email", Roles.Reception, "email")]
    [InlineData("", "someone@clinic.test", Roles.Reception, "name")]
    [InlineData("Name Given", "someone@clinic.test", "Operator", "role")]
    public async Task A_bad_invitation_is_refused_naming_the_field_and_nothing_is_stored(string name, string email, string role, string field)
    {
        using var owner = await OwnerAsync();

        var response = await owner.InviteAsync(name, email, role);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.PageAsync()).FieldError(field));
        Assert.Equal(0, await InvitationCountAsync(email));
    }

    [Fact]
    public async Task Inviting_an_active_member_s_email_is_refused_naming_the_email_field()
    {
        using var owner = await OwnerAsync();
        var email = await NewStaffAsync(Roles.Clinician);

        var response = await owner.InviteAsync("Already Here", email.ToUpperInvariant(), Roles.Reception);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This email already belongs to an active member of staff.", (await response.PageAsync()).FieldError("email"));
        Assert.Equal(0, await InvitationCountAsync(email));
    }

    [Fact]
    public async Task A_receptionist_cannot_invite_even_with_a_valid_antiforgery_token()
    {
        using var reception = App.Browser();
        await reception.SignInAsync(await NewStaffAsync(Roles.Reception), Password);
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        var email = NewEmail();

        var response = await reception.PostAsync("/staff", StaffForms.Fields(
            ("_handler", "invite-staff"), ("__RequestVerificationToken", token),
            ("Input.Name", "Sneaky Hire"), ("Input.Email", email), ("Input.Role", Roles.Owner)));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)response.StatusCode}");
        Assert.Equal(0, await InvitationCountAsync(email));
    }

    [Fact]
    public async Task The_invite_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();

        var response = await owner.PostAsync("/staff", StaffForms.Fields(
            ("_handler", "invite-staff"), ("Input.Name", "No Token"), ("Input.Email", email), ("Input.Role", Roles.Reception)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InvitationCountAsync(email));
    }

    [Fact]
    public async Task A_new_role_applies_once_the_member_signs_in_again()
    {
        using var owner = await OwnerAsync();
        var email = await NewStaffAsync(Roles.Reception);
        var id = await App.StaffIdAsync(email);
        using var member = App.Browser();
        await member.SignInAsync(email, Password);
        var (before, _) = await member.GetPageAsync("/charts");

        var changing = await App.RecordedDuringAsync(async () => Assert.True((await owner.ChangeRoleAsync(id, Roles.Clinician)).IsRedirect()));
        var (stale, _) = await member.GetPageAsync("/charts");
        await member.SignInAsync(email, Password);
        var (after, _) = await member.GetPageAsync("/charts");

        Assert.Equal("/access-denied", before.RedirectTarget().AbsolutePath);
        Assert.Contains(changing, e => e.Action == "staff.role_changed" && e.RecordId == id);
        Assert.Equal("/sign-in", stale.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Deactivating_a_member_ends_their_live_session_at_once()
    {
        using var owner = await OwnerAsync();
        var email = await NewStaffAsync(Roles.Clinician);
        var id = await App.StaffIdAsync(email);
        using var member = App.Browser();
        await member.SignInAsync(email, Password);
        var (live, _) = await member.GetPageAsync("/start");

        var deactivating = await App.RecordedDuringAsync(async () => Assert.True((await owner.DeactivateAsync(id)).IsRedirect()));
        var ended = await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT ended_reason FROM accounts_sessions WHERE tenant_id = @tenant_id AND staff_id = @id", new { id }));
        var (next, _) = await member.GetPageAsync("/start");
        var (_, list) = await owner.GetPageAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains(deactivating, e => e.Action == "staff.deactivated" && e.RecordId == id);
        Assert.Equal(["deactivated"], ended);
        Assert.Equal("/sign-in", next.RedirectTarget().AbsolutePath);
        Assert.Equal("Deactivated", list.QuerySelector($"tr[data-staff='{id}'] .status")?.TextContent.Trim());
        await Assert.ThrowsAsync<InvalidOperationException>(() => App.Browser().SignInAsync(email, Password));
    }

    [Fact]
    public async Task An_owner_cannot_deactivate_themselves()
    {
        var email = await NewStaffAsync(Roles.Owner);
        using var owner = App.Browser();
        await owner.SignInAsync(email, Password);

        var response = await owner.DeactivateAsync(await App.StaffIdAsync(email));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot deactivate yourself", (await response.PageAsync()).QuerySelector("form [role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    private async Task<ClinicClient> OwnerAsync()
    {
        var browser = App.Browser();
        await browser.SignInAsync(await NewStaffAsync(Roles.Owner), Password);
        return browser;
    }

    private async Task<string> NewStaffAsync(string role)
    {
        var email = NewEmail();
        await App.AddStaffAsync(email, role, Password);
        return email;
    }

    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@clinic.test";

    private static Dictionary<string, string> Join(string password, string confirm) =>
        StaffForms.Fields(("Input.Password", password), ("Input.ConfirmPassword", confirm));

    /// <summary>The newest StaffInvited payload for the email, as it waits in the Accounts outbox.</summary>
    private async Task<JsonElement> OutboxAsync(string email)
    {
        var payloads = await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM accounts_outbox WHERE tenant_id = @tenant_id AND type = @type ORDER BY occurred_at",
            new { type = EventNames.Of<global::Clinic.Modules.Accounts.Contracts.StaffInvited>() }));
        return payloads.Select(p => JsonDocument.Parse(p).RootElement).Last(p => p.GetProperty("email").GetString() == email);
    }

    private Task<long> StaffCountAsync(string email) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email", new { email }));

    private Task<long> InvitationCountAsync(string email) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_invitations WHERE tenant_id = @tenant_id AND email = @email", new { email = email.ToLowerInvariant() }));
}

public sealed class StaffManagementTests_on_Sqlite(SqliteApp fixture) : StaffManagementTests(fixture), IClassFixture<SqliteApp>;

public sealed class StaffManagementTests_on_Postgres(PostgresApp fixture) : StaffManagementTests(fixture), IClassFixture<PostgresApp>;

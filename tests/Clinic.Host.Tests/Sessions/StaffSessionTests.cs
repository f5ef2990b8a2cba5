using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Sessions;

/// <summary>Staff sessions live on the server: signing out, timing out, ending one and changing the password all void the cookie.</summary>
public abstract class StaffSessionTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";
    private const string NewPassword = "another long private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_copy_of_the_cookie_replayed_after_sign_out_is_refused()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        var cookie = await SignInAsync(browser, email);
        var before = await ReplayAsync(cookie, "/start");

        var signOut = await browser.SubmitAsync("/start", new Dictionary<string, string>(StringComparer.Ordinal), "form[action='/sign-out']");
        var after = await ReplayAsync(cookie, "/start");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(signOut.IsRedirect());
        Assert.Equal("/sign-in", after.RedirectTarget().AbsolutePath);
        Assert.Equal("signed out", await EndedReasonAsync(email));
    }

    [Fact]
    public async Task Fetching_the_stylesheet_and_script_keeps_the_session()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        await SignInAsync(browser, email);

        var css = await browser.Http.GetAsync("/css/app.css");
        var js = await browser.Http.GetAsync("/js/app.js");
        var (home, _) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Null(await EndedReasonAsync(email));
    }

    [Fact]
    public async Task A_session_idle_for_longer_than_the_timeout_is_refused()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        await SignInAsync(browser, email);
        var (fresh, _) = await browser.GetPageAsync("/start");

        await SetSessionTimesAsync(email, "last_seen_at", App.Clock.GetUtcNow().AddMinutes(-31));
        var (idle, _) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("/sign-in", idle.RedirectTarget().AbsolutePath);
        Assert.Equal("idle timeout", await EndedReasonAsync(email));
    }

    [Fact]
    public async Task A_session_idle_for_less_than_the_timeout_still_works()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        await SignInAsync(browser, email);

        await SetSessionTimesAsync(email, "last_seen_at", App.Clock.GetUtcNow().AddMinutes(-29));
        var (response, _) = await browser.GetPageAsync("/start");
        var lastSeen = await App.InClinicAsync(db => db.ExecuteScalarAsync<DateTimeOffset>(
            "SELECT s.last_seen_at FROM accounts_sessions s JOIN accounts_staff st ON st.id = s.staff_id WHERE s.tenant_id = @tenant_id AND st.email = @email",
            new { email }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(App.Clock.GetUtcNow(), lastSeen);
    }

    [Fact]
    public async Task A_session_past_its_absolute_limit_is_refused_however_busy()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        await SignInAsync(browser, email);

        await SetSessionTimesAsync(email, "expires_at", App.Clock.GetUtcNow().AddMinutes(-1));
        var (expired, _) = await browser.GetPageAsync("/start");

        Assert.Equal("/sign-in", expired.RedirectTarget().AbsolutePath);
        Assert.Equal("absolute limit", await EndedReasonAsync(email));
    }

    [Fact]
    public async Task A_deactivated_staff_member_s_session_is_refused_at_the_next_request()
    {
        var email = await NewStaffAsync();
        using var browser = App.Browser();
        await SignInAsync(browser, email);

        await App.InClinicAsync(db => db.ExecuteAsync("UPDATE accounts_staff SET active = FALSE WHERE tenant_id = @tenant_id AND email = @email", new { email }));
        var (response, _) = await browser.GetPageAsync("/start");

        Assert.Equal("/sign-in", response.RedirectTarget().AbsolutePath);
        Assert.Equal("staff deactivated", await EndedReasonAsync(email));
    }

    [Fact]
    public async Task Ending_a_session_and_changing_the_password_are_recorded_in_the_audit_trail()
    {
        var email = await NewStaffAsync();
        using var laptop = App.Browser();
        using var tablet = App.Browser();
        await SignInAsync(laptop, email);
        await SignInAsync(tablet, email);
        var (_, page) = await laptop.GetPageAsync("/account/sessions");
        var other = Guid.Parse(page.QuerySelectorAll("tr[data-session]").Single(r => r.QuerySelector(".this-device") is null).GetAttribute("data-session")!);

        var ending = await App.RecordedDuringAsync(() => laptop.SubmitAsync("/account/sessions", Field("Input.SessionId", other.ToString())));
        var changing = await App.RecordedDuringAsync(() => ChangePasswordAsync(laptop, Password, NewPassword, NewPassword));

        var ended = Assert.Single(ending);
        Assert.Equal(("session.ended", "success", (Guid?)other), (ended.Action, ended.Outcome, ended.RecordId));
        var changed = Assert.Single(changing);
        Assert.Equal(("password.changed", "success"), (changed.Action, changed.Outcome));
        Assert.Equal(ended.ActorId, changed.ActorId);
        Assert.NotNull(changed.ActorId);
    }

    [Fact]
    public async Task The_sessions_page_lists_each_device_and_marks_this_one()
    {
        var email = await NewStaffAsync(Roles.Reception);
        using var laptop = App.Browser();
        using var tablet = App.Browser();
        await SignInAsync(laptop, email);
        await SignInAsync(tablet, email);

        var (response, page) = await laptop.GetPageAsync("/account/sessions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, page.QuerySelectorAll("tr[data-session]").Length);
        Assert.Single(page.QuerySelectorAll("tr[data-session] .this-device"));
    }

    [Fact]
    public async Task Ending_another_session_signs_that_browser_out_and_keeps_this_one()
    {
        var email = await NewStaffAsync();
        using var laptop = App.Browser();
        using var tablet = App.Browser();
        await SignInAsync(laptop, email);
        await SignInAsync(tablet, email);
        var (_, page) = await laptop.GetPageAsync("/account/sessions");
        var other = page.QuerySelectorAll("tr[data-session]").Single(r => r.QuerySelector(".this-device") is null).GetAttribute("data-session")!;

        var end = await laptop.SubmitAsync("/account/sessions", Field("Input.SessionId", other));
        var (atTablet, _) = await tablet.GetPageAsync("/start");
        var (atLaptop, after) = await laptop.GetPageAsync("/account/sessions");

        Assert.True(end.IsRedirect(), $"Ending a session answered {(int)end.StatusCode}.");
        Assert.Equal("/sign-in", atTablet.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, atLaptop.StatusCode);
        Assert.Single(after.QuerySelectorAll("tr[data-session]"));
    }

    [Fact]
    public async Task Ending_someone_else_s_session_answers_404_and_it_keeps_working()
    {
        var mine = await NewStaffAsync();
        var theirs = await NewStaffAsync();
        using var me = App.Browser();
        using var them = App.Browser();
        await SignInAsync(me, mine);
        await SignInAsync(them, theirs);
        var (_, page) = await them.GetPageAsync("/account/sessions");
        var their = page.QuerySelector("tr[data-session]")!.GetAttribute("data-session")!;

        var end = await me.SubmitAsync("/account/sessions", Field("Input.SessionId", their));
        var garbage = await me.SubmitAsync("/account/sessions", Field("Input.SessionId", "not-an-id"));
        var (stillThem, _) = await them.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.NotFound, end.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThem.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        var email = await NewStaffAsync();
        using var laptop = App.Browser();
        using var tablet = App.Browser();
        await SignInAsync(laptop, email);
        await SignInAsync(tablet, email);

        var change = await ChangePasswordAsync(laptop, Password, NewPassword, NewPassword);
        var (atTablet, _) = await tablet.GetPageAsync("/start");
        var (atLaptop, _) = await laptop.GetPageAsync("/start");
        using var later = App.Browser();

        Assert.Equal("/account/password?changed=true", change.RedirectTarget().PathAndQuery);
        Assert.Equal("/sign-in", atTablet.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, atLaptop.StatusCode);
        Assert.Equal("password changed", await EndedReasonAsync(email));
        await later.SignInAsync(email, NewPassword);
        await Assert.ThrowsAsync<InvalidOperationException>(() => App.Browser().SignInAsync(email, Password));
    }

    [Theory]
    [InlineData("short", "short", "new-password")]
    [InlineData(NewPassword, "a different long passphrase", "confirm-password")]
    [InlineData("", "", "new-password")]
    public async Task A_short_or_mismatched_new_password_is_refused_naming_the_field_and_nothing_changes(string next, string confirm, string field)
    {
        var email = await NewStaffAsync();
        using var laptop = App.Browser();
        using var tablet = App.Browser();
        await SignInAsync(laptop, email);
        await SignInAsync(tablet, email);

        var change = await ChangePasswordAsync(laptop, Password, next, confirm);
        var page = await change.PageAsync();
        var (atTablet, _) = await tablet.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.NotNull(page.FieldError(field));
        Assert.Equal("true", page.GetElementById(field)?.GetAttribute("aria-invalid"));
        Assert.Equal(HttpStatusCode.OK, atTablet.StatusCode);
        await App.Browser().SignInAsync(email, Password);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_naming_the_field_and_nothing_changes()
    {
        var email = await NewStaffAsync();
        using var laptop = App.Browser();
        using var tablet = App.Browser();
        await SignInAsync(laptop, email);
        await SignInAsync(tablet, email);

        var change = await ChangePasswordAsync(laptop, "not my password at all", NewPassword, NewPassword);
        var page = await change.PageAsync();
        var (atTablet, _) = await tablet.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal("That is not your current password.", page.FieldError("current-password"));
        Assert.Equal(HttpStatusCode.OK, atTablet.StatusCode);
        await App.Browser().SignInAsync(email, Password);
    }

    [Theory]
    [InlineData("/account/sessions")]
    [InlineData("/account/password")]
    public async Task The_account_pages_ask_a_visitor_to_sign_in(string path)
    {
        using var browser = App.Browser();

        var (response, _) = await browser.GetPageAsync(path);

        Assert.Equal("/sign-in", response.RedirectTarget().AbsolutePath);
    }

    private async Task<string> NewStaffAsync(string role = Roles.Owner)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        return email;
    }

    /// <summary>Signs in and returns the session cookie as a browser would send it.</summary>
    private static async Task<string> SignInAsync(ClinicClient browser, string email)
    {
        var response = await browser.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        Assert.True(response.IsRedirect(), $"Sign-in as {email} answered {(int)response.StatusCode}.");
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path)
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.ParseAdd("text/html");
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(ClinicClient browser, string current, string next, string confirm) =>
        browser.SubmitAsync("/account/password", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        });

    private static Dictionary<string, string> Field(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

    private Task<int> SetSessionTimesAsync(string email, string column, DateTimeOffset value) =>
        App.InClinicAsync(db => db.ExecuteAsync(
            $"UPDATE accounts_sessions SET {column} = @value WHERE tenant_id = @tenant_id AND staff_id = (SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email)",
            new { value, email }));

    private Task<string?> EndedReasonAsync(string email) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<string?>(
            """
            SELECT s.ended_reason FROM accounts_sessions s JOIN accounts_staff st ON st.id = s.staff_id AND st.tenant_id = s.tenant_id
            WHERE s.tenant_id = @tenant_id AND st.email = @email AND s.ended_at IS NOT NULL
            ORDER BY s.ended_at DESC LIMIT 1
            """,
            new { email }));
}

public sealed class StaffSessionTests_on_Sqlite(SqliteApp fixture) : StaffSessionTests(fixture), IClassFixture<SqliteApp>;

public sealed class StaffSessionTests_on_Postgres(PostgresApp fixture) : StaffSessionTests(fixture), IClassFixture<PostgresApp>;

using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Operators;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Platform;

/// <summary>The operator runs the platform from its own host: lists and creates clinics, and sees no clinic's data.</summary>
public abstract class OperatorConsoleTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : OperatedClinics
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => clinics.App;

    public Task InitializeAsync() => clinics.A is null ? clinics.SetUpAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_operator_signs_in_at_the_platform_host_and_sees_every_clinic()
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);

        var signIn = await SignInAsync(console);
        var (response, page) = await console.GetPageAsync("/platform/clinics");

        Assert.True(signIn.IsRedirect());
        Assert.Equal("/platform/clinics", signIn.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.clinics tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Clinic A", StringComparison.Ordinal) && r.Contains(TwoClinics.HostA, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Clinic B", StringComparison.Ordinal) && r.Contains(TwoClinics.HostB, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clinic_the_operator_creates_answers_at_its_host_and_its_owner_joins_by_the_link_shown_once()
    {
        var host = $"c{Guid.NewGuid():N}.clinic.test";
        var ownerEmail = "owner@" + host;
        using var console = App.Browser(OperatedClinics.PlatformHost);
        await SignInAsync(console);

        var created = await CreateClinicAsync(console, "Glow Aesthetics", host, ownerEmail);
        var link = new Uri((await created.PageAsync()).QuerySelector(".invitation-link")!.TextContent.Trim());
        var (_, list) = await console.GetPageAsync("/platform/clinics");
        using var owner = App.Browser(host);
        var accepted = await owner.SubmitAsync(link.PathAndQuery, StaffForms.Fields(("Input.Password", Password), ("Input.ConfirmPassword", Password)));
        using var again = App.Browser(host);
        await again.SignInAsync(ownerEmail, Password);
        var (staffPage, _) = await again.GetPageAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(host, link.Host);
        Assert.Null(list.QuerySelector(".invitation-link"));
        Assert.Contains(list.QuerySelectorAll("table.clinics tbody tr"), r => r.TextContent.Contains(host, StringComparison.Ordinal));
        Assert.True(accepted.IsRedirect());
        Assert.Equal(HttpStatusCode.OK, staffPage.StatusCode);
    }

    [Theory]
    [InlineData("https://glow.clinic.test", "Host name must be a name such as glow.clinic.example, without https://, a port or a path.")]
    [InlineData("glow.clinic.test:8080", "Host name must be a name such as glow.clinic.example, without https://, a port or a path.")]
    [InlineData("glow\u202E.clinic.test", "Host name contains an invisible character that reverses how text is shown (U+202E). Remove it.")]
    [InlineData(TwoClinics.HostA, "Another clinic already uses this host name.")]
    [InlineData(OperatedClinics.PlatformHost, "This is the platform's own host name. Choose another.")]
    public async Task A_clinic_at_a_bad_or_taken_host_is_refused_with_400_naming_the_host_and_nothing_is_created(string host, string error)
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);
        await SignInAsync(console);

        var response = await CreateClinicAsync(console, "Refused Clinic " + Guid.NewGuid().ToString("N"), host, "owner@refused.clinic.test");
        var page = await response.PageAsync();
        var (_, list) = await console.GetPageAsync("/platform/clinics");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, page.FieldError("host"));
        Assert.DoesNotContain("Refused Clinic", list.QuerySelector("table.clinics")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_400_and_no_cookie()
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);

        var wrongPassword = await SignInAsync(console, OperatedClinics.OperatorEmail, "not the operator's passphrase");
        var unknownEmail = await SignInAsync(console, "nobody@platform.clinic.test", OperatedClinics.OperatorPassword);

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownEmail.StatusCode);
        Assert.False(wrongPassword.SetsCookie(OperatorSession.CookieName));
        Assert.False(unknownEmail.SetsCookie(OperatorSession.CookieName));
        Assert.Equal(
            (await wrongPassword.PageAsync()).QuerySelector("[role=alert]")!.TextContent,
            (await unknownEmail.PageAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_an_operator_out_even_with_the_right_one_next()
    {
        var email = $"operator-{Guid.NewGuid():N}@platform.clinic.test";
        await App.Services.GetRequiredService<OperatorAccounts>().CreateIfMissingAsync(email, OperatedClinics.OperatorPassword, default);
        using var console = App.Browser(OperatedClinics.PlatformHost);

        for (var attempt = 0; attempt < 5; attempt++)
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(console, email, "not the operator's passphrase")).StatusCode);
        var locked = await SignInAsync(console, email, OperatedClinics.OperatorPassword);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.False(locked.SetsCookie(OperatorSession.CookieName));
    }

    [Theory]
    [InlineData(TwoClinics.HostA)]
    [InlineData("nobody.clinic.test")]
    public async Task The_console_is_not_there_at_any_other_host(string host)
    {
        using var browser = App.Browser(host);

        var (signIn, _) = await browser.GetPageAsync("/platform/sign-in");
        var (clinicsPage, _) = await browser.GetPageAsync("/platform/clinics");
        var post = await browser.PostAsync("/platform/sign-in", StaffForms.Fields(
            ("_handler", "operator-sign-in"), ("Input.Email", OperatedClinics.OperatorEmail), ("Input.Password", OperatedClinics.OperatorPassword)));

        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clinicsPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(post.SetsCookie(OperatorSession.CookieName));
    }

    [Theory]
    [InlineData("/clients")]
    [InlineData("/audit")]
    [InlineData("/staff")]
    public async Task The_operator_s_cookie_opens_no_page_of_a_clinic(string path)
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);
        var cookie = CookieFrom(await SignInAsync(console), OperatorSession.CookieName);
        using var attacker = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var response = await GetWithCookieAsync(attacker, TwoClinics.HostA, path, cookie);

        Assert.True(response.IsRedirect());
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clinic_owner_cannot_sign_in_to_the_console_nor_open_it_with_their_session()
    {
        using var clinic = App.Browser(TwoClinics.HostA);
        var ownerSignIn = await clinic.SubmitAsync("/sign-in", StaffForms.Fields(("Input.Email", TwoClinics.OwnerA), ("Input.Password", ClinicApp.OwnerPassword)));
        var ownerCookie = CookieFrom(ownerSignIn, StaffSession.CookieName);
        using var console = App.Browser(OperatedClinics.PlatformHost);
        using var attacker = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var asOperator = await SignInAsync(console, TwoClinics.OwnerA, ClinicApp.OwnerPassword);
        var withSession = await GetWithCookieAsync(attacker, OperatedClinics.PlatformHost, "/platform/clinics", ownerCookie);

        Assert.Equal(HttpStatusCode.BadRequest, asOperator.StatusCode);
        Assert.True(withSession.IsRedirect());
        Assert.StartsWith("/platform/sign-in", withSession.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_form_posted_without_its_antiforgery_token_gets_400_and_no_cookie()
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);
        await console.GetPageAsync("/platform/sign-in");

        var response = await console.PostAsync("/platform/sign-in", StaffForms.Fields(
            ("_handler", "operator-sign-in"), ("Input.Email", OperatedClinics.OperatorEmail), ("Input.Password", OperatedClinics.OperatorPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsCookie(OperatorSession.CookieName));
    }

    [Fact]
    public async Task The_new_clinic_form_posted_without_its_antiforgery_token_gets_400_and_creates_nothing()
    {
        var host = $"forged{Guid.NewGuid():N}.clinic.test";
        using var console = App.Browser(OperatedClinics.PlatformHost);
        await SignInAsync(console);

        var response = await console.PostAsync("/platform/clinics", StaffForms.Fields(
            ("_handler", "create-clinic"), ("Input.Name", "Forged Clinic"), ("Input.Host", host), ("Input.OwnerEmail", "mallory@evil.test")));
        using var atHost = App.Browser(host);
        var (signIn, _) = await atHost.GetPageAsync("/sign-in");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_a_copy_of_the_cookie_stops_working()
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);
        var cookie = CookieFrom(await SignInAsync(console), OperatorSession.CookieName);
        using var copy = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var before = await GetWithCookieAsync(copy, OperatedClinics.PlatformHost, "/platform/clinics", cookie);

        var signOut = await console.SubmitAsync("/platform/clinics", StaffForms.Fields(), "form[action='/platform/sign-out']");
        var after = await GetWithCookieAsync(copy, OperatedClinics.PlatformHost, "/platform/clinics", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(signOut.IsRedirect());
        Assert.True(after.IsRedirect());
        Assert.StartsWith("/platform/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_without_the_form_s_antiforgery_token_gets_400_and_the_session_goes_on()
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);
        await SignInAsync(console);

        var signOut = await console.PostAsync("/platform/sign-out", StaffForms.Fields());
        var (after, _) = await console.GetPageAsync("/platform/clinics");

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_console_session_idle_for_longer_than_the_timeout_is_refused()
    {
        using var console = App.Browser(OperatedClinics.PlatformHost);
        await SignInAsync(console);
        var (fresh, _) = await console.GetPageAsync("/platform/clinics");

        var session = await AgeLatestSessionAsync(TimeSpan.FromMinutes(31));
        var (idle, _) = await console.GetPageAsync("/platform/clinics");
        var reason = await InPlatformAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT ended_reason FROM accounts_operator_sessions WHERE id = @session", new { session }));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("/platform/sign-in", idle.RedirectTarget().AbsolutePath);
        Assert.Equal("idle timeout", reason);
    }

    private Task<Guid> AgeLatestSessionAsync(TimeSpan idleFor) =>
        InPlatformAsync(async db =>
        {
            var session = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_operator_sessions ORDER BY created_at DESC, id DESC LIMIT 1");
            await db.ExecuteAsync(
                "UPDATE accounts_operator_sessions SET last_seen_at = @seen WHERE id = @session",
                new { session, seen = App.Clock.GetUtcNow() - idleFor });
            return session;
        });

    private async Task<T> InPlatformAsync<T>(Func<DbSession, Task<T>> work)
    {
        await using var db = await App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(tenantId: null, write: true, default);
        var result = await work(db);
        await db.CommitAsync();
        return result;
    }

    private static Task<HttpResponseMessage> SignInAsync(
        ClinicClient console, string email = OperatedClinics.OperatorEmail, string password = OperatedClinics.OperatorPassword) =>
        console.SubmitAsync("/platform/sign-in", StaffForms.Fields(("Input.Email", email), ("Input.Password", password)));

    private static Task<HttpResponseMessage> CreateClinicAsync(ClinicClient console, string name, string host, string ownerEmail) =>
        console.SubmitAsync("/platform/clinics", StaffForms.Fields(("Input.Name", name), ("Input.Host", host), ("Input.OwnerEmail", ownerEmail)));

    private static string CookieFrom(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string host, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}{path}");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.ParseAdd("text/html");
        return await client.SendAsync(request);
    }
}

public sealed class OperatorConsoleTests_on_Sqlite(OperatedClinicsOnSqlite clinics)
    : OperatorConsoleTests<OperatedClinicsOnSqlite>(clinics), IClassFixture<OperatedClinicsOnSqlite>;

public sealed class OperatorConsoleTests_on_Postgres(OperatedClinicsOnPostgres clinics)
    : OperatorConsoleTests<OperatedClinicsOnPostgres>(clinics), IClassFixture<OperatedClinicsOnPostgres>;

/// <summary>The single-clinic edition has no platform: the console is not there, whatever the settings say.</summary>
public abstract class ConsoleInSingleClinicEditionTests(AppFixture fixture)
{
    [Theory]
    [InlineData("localhost")]
    [InlineData(OperatedClinics.PlatformHost)]
    public async Task The_console_is_not_there(string host)
    {
        using var browser = fixture.App.Browser(host);

        var (signIn, _) = await browser.GetPageAsync("/platform/sign-in");
        var (clinicsPage, _) = await browser.GetPageAsync("/platform/clinics");

        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clinicsPage.StatusCode);
    }
}

public sealed class ConsoleInSingleClinicEditionTests_on_Sqlite(SingleClinicWithPlatformSettingsOnSqlite fixture)
    : ConsoleInSingleClinicEditionTests(fixture), IClassFixture<SingleClinicWithPlatformSettingsOnSqlite>;

public sealed class ConsoleInSingleClinicEditionTests_on_Postgres(SingleClinicWithPlatformSettingsOnPostgres fixture)
    : ConsoleInSingleClinicEditionTests(fixture), IClassFixture<SingleClinicWithPlatformSettingsOnPostgres>;

using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.SignInLinks;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Portal;

/// <summary>Clients sign in to the portal with a single-use emailed link and see only their own details and appointments.</summary>
public abstract class ClientPortalTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_client_signs_in_with_the_emailed_link_and_sees_their_details_and_upcoming_appointments()
    {
        var email = NewEmail();
        var client = await App.AddClientAsync("Mahnoor", "Siddiqui", email);
        var other = await App.AddClientAsync("Bilal", "Chaudhry", NewEmail());
        await App.BookAsync(client, "Hydrafacial", App.Clock.GetUtcNow().AddDays(3));
        await App.BookAsync(client, "Old peel", App.Clock.GetUtcNow().AddDays(-20));
        await App.BookAsync(other, "Laser hair removal", App.Clock.GetUtcNow().AddDays(2));
        using var browser = App.Browser();

        var asked = await browser.AskForPortalLinkAsync(email);
        var link = await App.SignInLinkAsync(email);
        var (landing, landingPage) = await browser.GetPageAsync(link);
        var signedIn = await browser.FollowLinkAsync(link);
        var recorded = await App.RecordedDuringAsync(async () =>
        {
            var (portal, page) = await browser.GetPageAsync("/portal");
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
            Assert.Contains("Hello, Mahnoor", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(email, page.Body!.TextContent, StringComparison.Ordinal);
            var appointments = page.QuerySelectorAll("[data-appointment]").Select(a => a.TextContent).ToList();
            Assert.Single(appointments);
            Assert.Contains("Hydrafacial", appointments[0], StringComparison.Ordinal);
        });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.NotNull(landingPage.QuerySelector("form.form button[type=submit]"));
        Assert.True(signedIn.IsRedirect());
        Assert.Equal("/portal", signedIn.RedirectTarget().AbsolutePath);
        Assert.Contains(recorded, e => e.Action == "clients.portal_viewed" && e.ClientId == client);
    }

    [Fact]
    public async Task An_email_no_client_has_gets_the_same_answer_and_no_link()
    {
        var known = NewEmail();
        await App.AddClientAsync("Areeba", "Farooq", known);
        var unknown = NewEmail();
        using var browser = App.Browser();

        var knownAnswer = await (await browser.AskForPortalLinkAsync(known)).PageAsync();
        var unknownAnswer = await (await browser.AskForPortalLinkAsync(unknown)).PageAsync();

        Assert.Equal(
            knownAnswer.QuerySelector("[role=status]")!.TextContent.Replace(known, "", StringComparison.Ordinal),
            unknownAnswer.QuerySelector("[role=status]")!.TextContent.Replace(unknown, "", StringComparison.Ordinal));
        Assert.Single(await App.EventsAsync<SignInLinkRequested>(known));
        Assert.Empty(await App.EventsAsync<SignInLinkRequested>(unknown));
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var email = NewEmail();
        await App.AddClientAsync("Sadia", "Anwar", email);
        using var first = App.Browser();
        using var second = App.Browser();
        await first.AskForPortalLinkAsync(email);
        var link = await App.SignInLinkAsync(email);

        var used = await first.FollowLinkAsync(link);
        var (again, againPage) = await second.GetPageAsync(link);
        var (portal, _) = await second.GetPageAsync("/portal");

        Assert.True(used.IsRedirect());
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("expired or has already been used", againPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(againPage.QuerySelector("form.form"));
        Assert.Equal("/portal/sign-in", portal.RedirectTarget().AbsolutePath);
    }

    [Fact]
    public async Task A_link_older_than_fifteen_minutes_is_refused()
    {
        var email = NewEmail();
        await App.AddClientAsync("Nida", "Hassan", email);
        using var browser = App.Browser();
        await browser.AskForPortalLinkAsync(email);
        var link = await App.SignInLinkAsync(email);
        var stored = await App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<LinkTimes>(
            "SELECT created_at AS CreatedAt, expires_at AS ExpiresAt FROM accounts_sign_in_links WHERE tenant_id = @tenant_id ORDER BY created_at DESC, id DESC LIMIT 1"));
        await App.InClinicAsync(db => db.ExecuteAsync(
            "UPDATE accounts_sign_in_links SET expires_at = @past WHERE tenant_id = @tenant_id", new { past = App.Clock.GetUtcNow().AddSeconds(-1) }));

        var (refused, _) = await browser.GetPageAsync(link);

        Assert.Equal(TimeSpan.FromMinutes(15), stored!.ExpiresAt - stored.CreatedAt);
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
    }

    [Fact]
    public async Task A_link_that_expires_between_opening_and_pressing_explains_itself()
    {
        var email = NewEmail();
        await App.AddClientAsync("Maira", "Latif", email);
        using var browser = App.Browser();
        await browser.AskForPortalLinkAsync(email);
        var link = await App.SignInLinkAsync(email);
        var token = await browser.AntiforgeryTokenAsync(link);
        await App.InClinicAsync(db => db.ExecuteAsync(
            "UPDATE accounts_sign_in_links SET expires_at = @past WHERE tenant_id = @tenant_id", new { past = App.Clock.GetUtcNow().AddSeconds(-1) }));

        var pressed = await browser.PostAsync(link, StaffForms.Fields(("_handler", "portal-link"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Gone, pressed.StatusCode);
        Assert.Contains("expired or has already been used", (await pressed.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_voids_the_earlier_link()
    {
        var email = NewEmail();
        await App.AddClientAsync("Komal", "Rizvi", email);
        using var browser = App.Browser();
        await browser.AskForPortalLinkAsync(email);
        var older = await App.SignInLinkAsync(email);
        await browser.AskForPortalLinkAsync(email);
        var newer = await App.SignInLinkAsync(email);

        var (refused, _) = await browser.GetPageAsync(older);
        var accepted = await browser.FollowLinkAsync(newer);

        Assert.NotEqual(older, newer);
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.True(accepted.IsRedirect());
    }

    [Fact]
    public async Task The_link_token_is_stored_only_as_a_hash()
    {
        var email = NewEmail();
        await App.AddClientAsync("Fiza", "Qureshi", email);
        using var browser = App.Browser();
        await browser.AskForPortalLinkAsync(email);
        var token = (await App.SignInLinkAsync(email)).Split('/')[^1];

        var stored = await App.InClinicAsync(db => db.QueryAsync<string>("SELECT token_hash FROM accounts_sign_in_links WHERE tenant_id = @tenant_id"));

        Assert.DoesNotContain(token, stored);
        Assert.Contains(Clinic.BuildingBlocks.Security.SecretToken.Hash(token), stored);
    }

    [Fact]
    public async Task The_portal_sends_a_visitor_to_the_client_sign_in_and_a_signed_in_client_never_reaches_staff_pages()
    {
        var email = NewEmail();
        await App.AddClientAsync("Hamza", "Sheikh", email);
        using var visitor = App.Browser();
        using var client = App.Browser();
        await client.SignInToPortalAsync(App, email);

        var (visiting, _) = await visitor.GetPageAsync("/portal");
        var (clients, _) = await client.GetPageAsync("/clients");
        var (audit, _) = await client.GetPageAsync("/audit");

        Assert.Equal("/portal/sign-in", visiting.RedirectTarget().AbsolutePath);
        Assert.Equal("/sign-in", clients.RedirectTarget().AbsolutePath);
        Assert.Equal("/sign-in", audit.RedirectTarget().AbsolutePath);
    }

    [Fact]
    public async Task A_staff_session_does_not_open_the_portal()
    {
        using var owner = App.Browser();
        await owner.SignInAsync();

        var (portal, _) = await owner.GetPageAsync("/portal");

        Assert.Equal("/portal/sign-in", portal.RedirectTarget().AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_of_the_portal_ends_the_session_on_the_server()
    {
        var email = NewEmail();
        await App.AddClientAsync("Iqra", "Javed", email);
        using var browser = App.Browser();
        var signedIn = await browser.SignInToPortalAsync(App, email);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic.portal=", StringComparison.Ordinal)).Split(';')[0];

        var before = await ReplayAsync(cookie, "/portal");
        var signOut = await browser.SubmitAsync("/portal", new Dictionary<string, string>(StringComparer.Ordinal), "form[action='/portal/sign-out']");
        var after = await ReplayAsync(cookie, "/portal");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("/portal/sign-in", signOut.RedirectTarget().AbsolutePath);
        Assert.Equal("/portal/sign-in", after.RedirectTarget().AbsolutePath);
    }

    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path)
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.ParseAdd("text/html");
        return await client.SendAsync(request);
    }

    private static string NewEmail() => $"client-{Guid.NewGuid():N}@example.com";

    private sealed class LinkTimes
    {
        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }
    }
}

public sealed class ClientPortalTests_on_Sqlite(AuditedSqliteApp fixture) : ClientPortalTests(fixture), IClassFixture<AuditedSqliteApp>;

public sealed class ClientPortalTests_on_Postgres(AuditedPostgresApp fixture) : ClientPortalTests(fixture), IClassFixture<AuditedPostgresApp>;

using System.Net;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Web;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Cookies;

/// <summary>
/// The cookie registry, the banner and the proof of consent, as a browser without scripts sees them. Requests come
/// from 203.0.113.7, so the log's address hash can be checked for the address never being stored.
/// </summary>
public abstract class CookieConsentTests(AppFixture fixture)
{
    private const string ConsentCookie = "clinic.consent";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_cookie_policy_table_lists_exactly_the_declared_cookies_with_kind_provider_and_duration()
    {
        using var visitor = App.Browser();
        var declared = App.Services.GetServices<CookieDeclaration>().ToList();

        var (response, page) = await visitor.GetPageAsync("/cookies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.cookie-registry tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            declared.Select(d => $"{d.Name} | {d.Purpose} | {Kind(d.Category)} | {d.Provider} | {d.Duration}").Order(StringComparer.Ordinal),
            rows);
        Assert.Contains(declared, d => d is { Name: ConsentCookie, Category: CookieCategory.StrictlyNecessary });
        Assert.Contains(declared, d => d is { Name: "clinic.calendar_view", Category: CookieCategory.Preferences });
        Assert.Contains(declared, d => d is { Provider: "Meta", Category: CookieCategory.ThirdParty });
    }

    [Fact]
    public async Task A_client_signed_in_to_the_portal_chooses_in_the_banner_on_a_portal_page_and_the_choice_is_kept()
    {
        var email = $"consent-{Guid.NewGuid():N}@client.test";
        await App.AddClientAsync("Hina", "Qureshi", email);
        using var client = App.Browser();
        await client.SignInToPortalAsync(App, email);

        var response = await client.ChooseOnAsync("/portal", "reject", []);
        var (_, portal) = await client.GetPageAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", response.Headers.Location?.OriginalString);
        Assert.True(response.SetCookies().Contains(ConsentCookie));
        Assert.Null(portal.QuerySelector("section.cookie-banner"));
    }

    [Fact]
    public async Task A_first_visit_shows_the_banner_with_accept_reject_and_customise_and_strictly_necessary_always_on()
    {
        using var visitor = App.Browser();

        var (_, page) = await visitor.GetPageAsync("/sign-in");

        var banner = page.QuerySelector("section.cookie-banner");
        Assert.NotNull(banner);
        Assert.Equal(["Accept all", "Reject all"], banner.QuerySelectorAll(".cookie-actions > button").Select(b => b.TextContent.Trim()));
        Assert.Equal("Customise", banner.QuerySelector(".cookie-customise > summary")!.TextContent.Trim());
        var necessary = (IHtmlInputElement)banner.QuerySelector("#cookie-necessary")!;
        Assert.True(necessary.IsChecked && necessary.IsDisabled);
        Assert.Contains("Always on", banner.QuerySelector("#cookie-necessary-why")!.TextContent, StringComparison.Ordinal);
        Assert.All(banner.QuerySelectorAll("input[name='categories']").Cast<IHtmlInputElement>(), box => Assert.False(box.IsChecked));
        Assert.True(banner.QuerySelector("[data-cookie-gpc]")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Accepting_all_records_the_proof_sets_the_consent_cookie_and_goes_back_to_the_page()
    {
        using var visitor = App.Browser();

        var response = await visitor.ChooseOnAsync("/cookies", "accept", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cookies", response.RedirectTarget().PathAndQuery);
        var set = Assert.Single(response.SetCookies()[ConsentCookie]);
        Assert.Contains("httponly", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", set, StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(await EntriesAsync(await ConsentIdAsync(visitor)));
        Assert.Equal("preferences,analytics,third-party", entry.Categories);
        Assert.Equal("accept", entry.Choice);
        Assert.Equal("1.0", entry.Revision);
        Assert.Equal("ConsentTest/1.0", entry.UserAgent);
        Assert.Matches("^[0-9a-f]{32}$", entry.IpHash);
        Assert.Equal(App.Clock.GetUtcNow(), entry.RecordedAt);
        var (_, page) = await visitor.GetPageAsync("/cookies");
        Assert.Null(page.QuerySelector("section.cookie-banner"));
        Assert.Equal("analytics preferences third-party", page.QuerySelector("[data-cookie-consent]")!.GetAttribute("data-granted"));
    }

    [Fact]
    public async Task Two_visitors_from_the_same_address_get_the_same_address_hash_and_the_address_itself_is_nowhere_in_the_log()
    {
        using var first = App.Browser();
        using var second = App.Browser();

        await first.ChooseAsync("reject");
        await second.ChooseAsync("custom", "analytics");

        var a = Assert.Single(await EntriesAsync(await ConsentIdAsync(first)));
        var b = Assert.Single(await EntriesAsync(await ConsentIdAsync(second)));
        Assert.Equal(a.IpHash, b.IpHash);
        Assert.Equal("", a.Categories);
        Assert.Equal("analytics", b.Categories);
        var anywhere = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM cookies_consents WHERE tenant_id = @tenant_id AND (ip_hash LIKE '%203.0.113%' OR user_agent LIKE '%203.0.113%')"));
        Assert.Equal(0, anywhere);
    }

    [Fact]
    public async Task A_consent_post_without_an_antiforgery_token_gets_400_and_records_nothing()
    {
        using var visitor = App.Browser();
        var before = await CountAsync();

        var response = await visitor.PostAsync("/cookies/consent", StaffForms.Fields(("choice", "accept"), ("returnUrl", "/")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.SetCookies()[ConsentCookie]);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("maybe", new string[0], "choice")]
    [InlineData("custom", new[] { "marketing" }, "categories")]
    public async Task An_unknown_choice_or_category_gets_400_naming_the_field_and_records_nothing(string choice, string[] categories, string field)
    {
        using var visitor = App.Browser();
        var before = await CountAsync();

        var response = await visitor.ChooseAsync(choice, categories);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task The_return_address_must_be_a_page_of_this_site(string returnUrl)
    {
        using var visitor = App.Browser();
        var token = await visitor.AntiforgeryTokenAsync("/cookies/settings");

        var response = await visitor.PostAsync("/cookies/consent", StaffForms.Fields(
            ("__RequestVerificationToken", token), ("choice", "reject"), ("returnUrl", returnUrl)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", response.RedirectTarget().AbsoluteUri);
    }

    [Theory]
    [InlineData("not-a-consent")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_consent_cookie_counts_as_no_consent_and_shows_the_banner(string value)
    {
        using var visitor = App.Browser();

        var page = await PageWithConsentCookieAsync(visitor, value);

        Assert.NotNull(page.QuerySelector("section.cookie-banner"));
        Assert.Equal("", page.QuerySelector("[data-cookie-consent]")!.GetAttribute("data-granted"));
    }

    [Fact]
    public async Task A_genuine_cookie_naming_an_unknown_category_counts_as_no_consent()
    {
        using var visitor = App.Browser();
        var forged = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clinic.Cookies.Consent.v1")
            .Protect($"{Guid.NewGuid():N}|analytics,marketing|1");

        var page = await PageWithConsentCookieAsync(visitor, forged);

        Assert.NotNull(page.QuerySelector("section.cookie-banner"));
        Assert.Equal("", page.QuerySelector("[data-cookie-consent]")!.GetAttribute("data-granted"));
    }

    [Fact]
    public async Task A_new_cookie_policy_revision_shows_the_banner_again_and_the_next_choice_keeps_the_consent_id()
    {
        using var visitor = App.Browser();
        await visitor.ChooseAsync("accept");
        var consentId = await ConsentIdAsync(visitor);
        var configuration = App.Services.GetRequiredService<IConfiguration>();

        configuration["Clinic:Cookies:PolicyRevision"] = "2";
        try
        {
            var (_, page) = await visitor.GetPageAsync("/cookies");
            Assert.NotNull(page.QuerySelector("section.cookie-banner"));
            Assert.Equal("", page.QuerySelector("[data-cookie-consent]")!.GetAttribute("data-granted"));

            await visitor.ChooseOnAsync("/cookies", "reject", []);
            (_, page) = await visitor.GetPageAsync("/cookies");
            Assert.Null(page.QuerySelector("section.cookie-banner"));
        }
        finally
        {
            configuration["Clinic:Cookies:PolicyRevision"] = "1";
        }

        var entries = await EntriesAsync(consentId);
        Assert.Equal(["1.0", "2.0"], entries.Select(e => e.Revision));
    }

    [Fact]
    public async Task Under_global_privacy_control_the_banner_says_so_and_accept_all_allows_preferences_only()
    {
        using var visitor = App.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cookies");
        request.Headers.Add("Sec-GPC", "1");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await (await visitor.Http.SendAsync(request)).Content.ReadAsStringAsync());

        var response = await visitor.ChooseOnAsync("/cookies", "accept", [], r => r.Headers.Add("Sec-GPC", "1"));
        using var chosen = App.Browser();
        await chosen.ChooseOnAsync("/cookies", "custom", ["analytics"], r => r.Headers.Add("Sec-GPC", "1"));

        Assert.False(page.QuerySelector("[data-cookie-gpc]")!.HasAttribute("hidden"));
        Assert.Contains("Global Privacy Control", page.QuerySelector("[data-cookie-gpc]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("preferences", Assert.Single(await EntriesAsync(await ConsentIdAsync(visitor))).Categories);
        // A box the visitor ticks is their own explicit choice, and counts.
        Assert.Equal("analytics", Assert.Single(await EntriesAsync(await ConsentIdAsync(chosen))).Categories);
    }

    [Fact]
    public async Task Withdrawing_a_category_expires_its_cookies_and_keeps_the_strictly_necessary_ones()
    {
        using var visitor = App.Browser();
        var accepted = await visitor.ChooseAsync("accept");

        var withdrawn = await visitor.ChooseAsync("custom", "analytics");

        Assert.False(accepted.Expires("clinic.calendar_view"));
        Assert.True(withdrawn.Expires("clinic.calendar_view"));
        Assert.False(withdrawn.Expires(ConsentCookie));
        Assert.False(withdrawn.Expires("clinic.antiforgery"));
        var (_, settings) = await visitor.GetPageAsync("/cookies/settings");
        Assert.Equal("You allowed strictly necessary cookies and: Analytics.", settings.QuerySelector("[role='status']")!.TextContent.Trim());
        Assert.Equal(["analytics"], settings.QuerySelectorAll("input[name='categories']").Cast<IHtmlInputElement>().Where(b => b.IsChecked).Select(b => b.Value));
        Assert.Contains("clinic.calendar_view", settings.QuerySelector("[data-cookie-consent]")!.GetAttribute("data-clear")!.Split(' '));
    }

    [Fact]
    public async Task The_owner_exports_the_consent_log_as_csv_and_reception_cannot()
    {
        using var visitor = App.Browser();
        await visitor.ChooseAsync("custom", "preferences", "analytics");
        var consentId = await ConsentIdAsync(visitor);
        using var owner = App.Browser();
        await owner.SignInAsync();
        var reception = $"reception-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(reception, BuildingBlocks.Security.Roles.Reception, "a long and private passphrase");
        using var receptionist = App.Browser();
        await receptionist.SignInAsync(reception, "a long and private passphrase");

        HttpResponseMessage csv = null!;
        var audited = await App.RecordedDuringAsync(async () => csv = await owner.Http.GetAsync("/settings/cookie-consents.csv"));
        var (listed, page) = await owner.GetPageAsync("/settings/cookie-consents");
        var refused = await receptionist.Http.GetAsync("/settings/cookie-consents.csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains(audited, e => e.Action == "cookies.consents.export");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("recorded_at_utc,consent_id,choice,categories,policy_revision,ip_hash,user_agent,id", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.Contains($",{consentId},custom,\"preferences,analytics\",1.0,", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.NotNull(page.QuerySelector($"table.consent-log tr[data-consent='{consentId}']"));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    private static string Kind(CookieCategory category) => category switch
    {
        CookieCategory.StrictlyNecessary => "Strictly necessary",
        CookieCategory.ThirdParty => "Third-party",
        _ => category.ToString(),
    };

    private static async Task<IHtmlDocument> PageWithConsentCookieAsync(ClinicClient visitor, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cookies");
        request.Headers.Add("Cookie", $"{ConsentCookie}={value}");
        var response = await visitor.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The consent id the settings page shows the visitor, to quote when asking the clinic about their choice.</summary>
    private static async Task<string> ConsentIdAsync(ClinicClient visitor)
    {
        var (_, page) = await visitor.GetPageAsync("/cookies/settings");
        return page.QuerySelector(".consent-id code")?.TextContent ?? throw new InvalidOperationException("No choice counts in this browser.");
    }

    private Task<IReadOnlyList<Entry>> EntriesAsync(string consentId) =>
        App.InClinicAsync(db => db.QueryAsync<Entry>(
            """
            SELECT visitor_id AS ConsentId, categories AS Categories, choice AS Choice, policy_version AS Revision,
                   recorded_at AS RecordedAt, ip_hash AS IpHash, user_agent AS UserAgent
            FROM cookies_consents WHERE tenant_id = @tenant_id AND visitor_id = @consentId ORDER BY recorded_at, id
            """,
            new { consentId }));

    private Task<long> CountAsync() =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM cookies_consents WHERE tenant_id = @tenant_id"));

    internal sealed class Entry
    {
        public string ConsentId { get; init; } = "";

        public string Categories { get; init; } = "";

        public string Choice { get; init; } = "";

        public string Revision { get; init; } = "";

        public DateTimeOffset RecordedAt { get; init; }

        public string IpHash { get; init; } = "";

        public string UserAgent { get; init; } = "";
    }
}

public sealed class CookieConsentTests_on_Sqlite(AuditedSqliteApp fixture) : CookieConsentTests(fixture), IClassFixture<AuditedSqliteApp>;

public sealed class CookieConsentTests_on_Postgres(AuditedPostgresApp fixture) : CookieConsentTests(fixture), IClassFixture<AuditedPostgresApp>;

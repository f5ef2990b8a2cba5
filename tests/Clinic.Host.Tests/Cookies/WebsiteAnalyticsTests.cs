using System.Net;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Cookies;

/// <summary>
/// Cookieless analytics: a page view counts only with analytics consent, from the site's own public pages, into
/// daily aggregates in the clinic's zone; the owner alone sees them. Each test counts views from a referring site
/// of its own, so tests sharing the clinics do not see each other's views.
/// </summary>
public abstract class WebsiteAnalyticsTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : AnalyticsClinics
{
    private const string Beacon = "/analytics/view";

    public Task InitializeAsync() => clinics.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_view_with_analytics_consent_counts_once_without_its_query_string_and_the_owner_sees_it()
    {
        var site = NewSite();
        using var visitor = await VisitorAsync("accept");
        var before = await clinics.ViewsOfAsync(clinics.A.Id, clinics.DayOf(clinics.Clock.GetUtcNow()), "/consultation");

        var response = await SendAsync(visitor, "/Consultation/?utm_source=mail&email=x@example.com#form", site.ToUpperInvariant() + ".");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain("Set-Cookie", response.Headers.Select(h => h.Key));
        var row = Assert.Single(await clinics.ViewsFromAsync(clinics.A.Id, site));
        Assert.Equal(("/consultation", 1L), (row.Path, row.Views));
        Assert.Equal(before + 1, await clinics.ViewsOfAsync(clinics.A.Id, clinics.DayOf(clinics.Clock.GetUtcNow()), "/consultation"));
        var (page, dashboard) = await DashboardAsync(TwoClinics.HostA, TwoClinics.OwnerA, "");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Rows(dashboard, "table.analytics-referrers"), r => r == $"{site} | 1");
        Assert.Contains(Rows(dashboard, "table.analytics-pages"), r => r.StartsWith("/consultation | ", StringComparison.Ordinal));
        var today = dashboard.QuerySelector($"table.analytics-days tr[data-day='{clinics.DayOf(clinics.Clock.GetUtcNow())}'] td:last-child")!.TextContent;
        Assert.True(long.Parse(today, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(30, dashboard.QuerySelectorAll("svg rect.bar").Length);
        Assert.NotEmpty(dashboard.QuerySelector("svg title")!.TextContent);
        Assert.NotEmpty(dashboard.QuerySelector("svg desc")!.TextContent);
    }

    [Theory]
    [InlineData("no choice", null, "same-origin", null)]
    [InlineData("rejected", "reject", "same-origin", null)]
    [InlineData("accepted under Global Privacy Control", "accept", "same-origin", "gpc")]
    [InlineData("cross-site", "accept", "cross-site", null)]
    [InlineData("same-site but another origin", "accept", "same-site", null)]
    [InlineData("another origin without fetch metadata", "accept", null, "http://evil.example")]
    [InlineData("no origin at all", "accept", null, null)]
    public async Task A_view_is_not_counted_when(string reason, string? choice, string? fetchSite, string? extra)
    {
        var site = NewSite();
        using var visitor = await VisitorAsync(choice, gpc: extra == "gpc");

        var response = await SendAsync(visitor, "/book", site, fetchSite, origin: extra == "gpc" ? null : extra, gpc: extra == "gpc");

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{reason}: answered {(int)response.StatusCode}");
        Assert.Empty(await clinics.ViewsFromAsync(clinics.A.Id, site));
    }

    [Fact]
    public async Task Global_Privacy_Control_without_a_choice_counts_nothing_but_an_explicit_analytics_tick_does()
    {
        var site = NewSite();
        using var undecided = App.Browser(TwoClinics.HostA);
        using var ticked = await VisitorAsync("custom", gpc: true, "analytics");

        await SendAsync(undecided, "/book", site, gpc: true);
        await SendAsync(ticked, "/book", site, gpc: true);

        Assert.Equal(1, Assert.Single(await clinics.ViewsFromAsync(clinics.A.Id, site)).Views);
    }

    [Theory]
    [InlineData("/portal")]
    [InlineData("/settings/website-analytics")]
    [InlineData("/sign-in")]
    [InlineData("/book/hold/secret-token")]
    [InlineData("/booking/manage/secret-token")]
    [InlineData("/unsubscribe/secret-token")]
    public async Task Pages_that_are_not_the_public_site_are_never_counted(string path)
    {
        var site = NewSite();
        using var visitor = await VisitorAsync("accept");

        var response = await SendAsync(visitor, path, site);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await clinics.ViewsFromAsync(clinics.A.Id, site));
    }

    [Fact]
    public async Task Views_add_up_per_day_in_the_clinics_zone_and_per_referring_site()
    {
        var site = NewSite();
        var other = NewSite();
        using var visitor = await VisitorAsync("accept");
        // Two minutes before midnight in the clinic, when UTC is hours away from its own midnight.
        var local = TimeZoneInfo.ConvertTime(clinics.Clock.GetUtcNow(), clinics.A.Zone);
        var lateEvening = new DateTimeOffset(local.Date.AddDays(1).AddMinutes(-2), local.Offset);
        clinics.Clock.Advance(lateEvening - clinics.Clock.GetUtcNow());
        var evening = clinics.DayOf(clinics.Clock.GetUtcNow());

        await SendAsync(visitor, "/book", site);
        await SendAsync(visitor, "/book", other);
        clinics.Clock.Advance(TimeSpan.FromMinutes(4));
        var morning = clinics.DayOf(clinics.Clock.GetUtcNow());
        await SendAsync(visitor, "/book", site);
        await SendAsync(visitor, "/book?again=1", site);
        await SendAsync(visitor, "/", site);

        Assert.NotEqual(evening, morning);
        Assert.Equal(
            [(evening, "/book", 1L), (morning, "/", 1L), (morning, "/book", 2L)],
            (await clinics.ViewsFromAsync(clinics.A.Id, site)).Select(r => (r.Day, r.Path, r.Views)));
        Assert.Equal([(evening, "/book", 1L)], (await clinics.ViewsFromAsync(clinics.A.Id, other)).Select(r => (r.Day, r.Path, r.Views)));
    }

    [Fact]
    public async Task A_link_from_the_site_itself_counts_as_no_referring_site()
    {
        var site = NewSite();
        using var visitor = await VisitorAsync("accept");

        await SendAsync(visitor, "/privacy", TwoClinics.HostA.ToUpperInvariant());
        await SendAsync(visitor, "/privacy/history", site);

        Assert.Empty(await clinics.ViewsFromAsync(clinics.A.Id, TwoClinics.HostA));
        Assert.Single(await clinics.ViewsFromAsync(clinics.A.Id, site));
    }

    [Theory]
    [InlineData("path", null, "x.example")]
    [InlineData("path", "", "x.example")]
    [InlineData("path", "book", "x.example")]
    [InlineData("path", "//evil.example/book", "x.example")]
    [InlineData("path", "/book\u0001", "x.example")]
    [InlineData("referrer", "/book", "https://x.example/page")]
    [InlineData("referrer", "/book", "not a host")]
    [InlineData("referrer", "/book", "[::1]")]
    public async Task Bad_input_gets_400_naming_the_field_and_counts_nothing(string field, string? path, string referrer)
    {
        using var visitor = await VisitorAsync("accept");
        var before = await TotalAsync();
        var fields = new List<KeyValuePair<string, string>> { new("referrer", referrer) };
        if (path is not null)
            fields.Add(new("path", path));

        var response = await PostAsync(visitor, new FormUrlEncodedContent(fields), "same-origin", null, gpc: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task A_path_too_long_or_a_body_that_is_not_a_form_gets_400()
    {
        using var visitor = await VisitorAsync("accept");

        var tooLong = await SendAsync(visitor, "/" + new string('a', 300), NewSite());
        var json = await PostAsync(visitor, new StringContent("{\"path\":\"/book\"}", System.Text.Encoding.UTF8, "application/json"), "same-origin", null, gpc: false);
        var huge = await PostAsync(visitor, new FormUrlEncodedContent([new("path", "/book"), new("padding", new string('x', 10_000))]), "same-origin", null, gpc: false);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("\"path\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
    }

    [Fact]
    public async Task Staff_other_than_the_owner_are_refused_the_dashboard()
    {
        var (response, page) = await DashboardAsync(TwoClinics.HostA, AnalyticsClinics.ReceptionA, "");

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied"),
            $"answered {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Null(page.QuerySelector("svg"));
    }

    [Theory]
    [InlineData("?days=7", 7)]
    [InlineData("?days=90", 90)]
    public async Task The_owner_chooses_the_period(string query, int days)
    {
        var (response, page) = await DashboardAsync(TwoClinics.HostA, TwoClinics.OwnerA, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(days, page.QuerySelectorAll("svg rect.bar").Length);
        Assert.Equal(days, page.QuerySelectorAll("table.analytics-days tbody tr").Length);
        Assert.Equal($"Last {days} days", page.QuerySelector(".analytics-periods a[aria-current='page']")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("?days=31")]
    [InlineData("?days=-7")]
    [InlineData("?days=abc")]
    public async Task A_period_the_page_does_not_offer_gets_400_naming_days(string query)
    {
        var (response, page) = await DashboardAsync(TwoClinics.HostA, TwoClinics.OwnerA, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("days", page.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_clinics_views_never_show_on_the_others_dashboard()
    {
        var site = NewSite();
        using var visitor = await VisitorAsync("accept");
        await SendAsync(visitor, "/book", site);

        var (_, atA) = await DashboardAsync(TwoClinics.HostA, TwoClinics.OwnerA, "");
        var (_, atB) = await DashboardAsync(TwoClinics.HostB, TwoClinics.OwnerB, "");

        Assert.Contains(Rows(atA, "table.analytics-referrers"), r => r.StartsWith(site, StringComparison.Ordinal));
        Assert.DoesNotContain(site, atB.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Empty(await clinics.ViewsFromAsync(clinics.B.Id, site));
    }

    [Fact]
    public async Task Counts_older_than_25_months_in_the_clinics_zone_are_purged_and_newer_ones_kept_in_every_clinic()
    {
        var site = NewSite();
        var today = DateOnly.ParseExact(clinics.DayOf(clinics.Clock.GetUtcNow()), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var lastKept = Day(today.AddMonths(-25));
        var expired = Day(today.AddMonths(-25).AddDays(-1));
        await clinics.AddViewsAsync(clinics.A.Id, lastKept, site);
        await clinics.AddViewsAsync(clinics.A.Id, expired, site);
        await clinics.AddViewsAsync(clinics.B.Id, expired, site);

        await App.RunJobsAsync("cookies-page-view-retention", "cookies-page-view-retention");

        Assert.Equal([lastKept], (await clinics.ViewsFromAsync(clinics.A.Id, site)).Select(r => r.Day));
        Assert.Empty(await clinics.ViewsFromAsync(clinics.B.Id, site));
    }

    private ClinicApp App => clinics.App;

    private static string NewSite() => $"s{Guid.NewGuid():N}.example";

    private static IEnumerable<string> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"{table} tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim())));

    private async Task<ClinicClient> VisitorAsync(string? choice, bool gpc = false, params string[] categories)
    {
        var visitor = App.Browser(TwoClinics.HostA);
        if (choice is not null)
        {
            var chosen = await visitor.ChooseOnAsync("/cookies/settings", choice, categories, gpc ? r => r.Headers.Add("Sec-GPC", "1") : null);
            Assert.True(chosen.IsRedirect(), $"choosing answered {(int)chosen.StatusCode}");
        }

        return visitor;
    }

    private static Task<HttpResponseMessage> SendAsync(ClinicClient visitor, string path, string referrer, string? fetchSite = "same-origin", string? origin = null, bool gpc = false) =>
        PostAsync(visitor, new FormUrlEncodedContent([new("path", path), new("referrer", referrer)]), fetchSite, origin, gpc);

    private static async Task<HttpResponseMessage> PostAsync(ClinicClient visitor, HttpContent content, string? fetchSite, string? origin, bool gpc)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Beacon) { Content = content };
        if (fetchSite is not null)
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        if (gpc)
            request.Headers.Add("Sec-GPC", "1");
        return await visitor.Http.SendAsync(request);
    }

    private async Task<(HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument)> DashboardAsync(string host, string email, string query)
    {
        using var staff = App.Browser(host);
        await staff.SignInAsync(email);
        return await staff.GetPageAsync("/settings/website-analytics" + query);
    }

    private Task<long> TotalAsync() =>
        clinics.ViewsOfAsync(clinics.A.Id, clinics.DayOf(clinics.Clock.GetUtcNow()), "/book");
}

public sealed class WebsiteAnalyticsTests_on_Sqlite(AnalyticsClinicsOnSqlite clinics) : WebsiteAnalyticsTests<AnalyticsClinicsOnSqlite>(clinics), IClassFixture<AnalyticsClinicsOnSqlite>;

public sealed class WebsiteAnalyticsTests_on_Postgres(AnalyticsClinicsOnPostgres clinics) : WebsiteAnalyticsTests<AnalyticsClinicsOnPostgres>(clinics), IClassFixture<AnalyticsClinicsOnPostgres>;

using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Cookies;

/// <summary>Page-view beacons from one address past the limit are refused with 429 and not counted.</summary>
public abstract class AnalyticsRateLimitTests(AnalyticsRateLimitTests.LimitedApp fixture)
{
    [Fact]
    public async Task Beacons_past_the_limit_per_address_get_429_and_are_not_counted()
    {
        var site = $"s{Guid.NewGuid():N}.example";
        using var visitor = fixture.App.Browser();
        await visitor.ChooseAsync("accept");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var beacon = new HttpRequestMessage(HttpMethod.Post, "/analytics/view")
            {
                Content = new FormUrlEncodedContent([new("path", "/book"), new("referrer", site)]),
            };
            beacon.Headers.Add("Sec-Fetch-Site", "same-origin");
            answers.Add((await visitor.Http.SendAsync(beacon)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(3, await fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(views), 0) FROM cookies_page_views WHERE tenant_id = @tenant_id AND referrer = @site", new { site })));
    }

    /// <summary>The single clinic with a limit of three beacons an hour per address.</summary>
    public abstract class LimitedApp(DatabaseProvider provider) : AppFixture(provider)
    {
        protected override ClinicApp Create(TestDatabase database) =>
            new(database, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Clinic:RateLimits:AnalyticsViewPerIp:PermitLimit"] = "3",
                ["Clinic:RateLimits:AnalyticsViewPerIp:Window"] = "01:00:00",
            });
    }

    public sealed class LimitedOnSqlite() : LimitedApp(DatabaseProvider.Sqlite);

    public sealed class LimitedOnPostgres() : LimitedApp(DatabaseProvider.Postgres);
}

public sealed class AnalyticsRateLimitTests_on_Sqlite(AnalyticsRateLimitTests.LimitedOnSqlite fixture) : AnalyticsRateLimitTests(fixture), IClassFixture<AnalyticsRateLimitTests.LimitedOnSqlite>;

public sealed class AnalyticsRateLimitTests_on_Postgres(AnalyticsRateLimitTests.LimitedOnPostgres fixture) : AnalyticsRateLimitTests(fixture), IClassFixture<AnalyticsRateLimitTests.LimitedOnPostgres>;

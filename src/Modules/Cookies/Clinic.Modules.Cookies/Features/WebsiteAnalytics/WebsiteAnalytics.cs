using System.Globalization;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Time;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Cookies.Features.WebsiteAnalytics;

/// <summary>The owner's view of the site's counted page views: per day, the top pages and the top referring sites.</summary>
internal static class WebsiteAnalytics
{
    public const string Permission = "cookies.analytics.read";
    public const string PagePath = "/settings/website-analytics";
    public const int DefaultPeriod = 30;
    public const int TopCount = 10;

    /// <summary>The periods the page offers, in days.</summary>
    public static readonly IReadOnlyList<int> Periods = [7, 30, 90];

    internal sealed class Count
    {
        public string Label { get; init; } = "";

        public long Views { get; init; }
    }

    internal sealed record Day(DateOnly Date, long Views);

    internal sealed record Report(int Period, IReadOnlyList<Day> Days, IReadOnlyList<Count> Pages, IReadOnlyList<Count> Referrers)
    {
        public long Total => Days.Sum(d => d.Views);
    }

    /// <summary>The period a query value names: the default when absent, null when it is not one the page offers.</summary>
    public static int? PeriodOf(string? days) =>
        string.IsNullOrEmpty(days) ? DefaultPeriod
        : int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Periods.Contains(n) ? n
        : null;

    internal sealed class Handler(TenantDb tenantDb, ClinicTime clinicTime)
    {
        public async Task<Report> HandleAsync(int period, CancellationToken ct)
        {
            var today = await clinicTime.TodayAsync(ct);
            var from = today.AddDays(1 - period);
            var range = new { from = ClinicDates.Value(from), to = ClinicDates.Value(today), top = TopCount };
            await using var db = await tenantDb.ReadAsync(ct);
            var perDay = (await db.QueryAsync<Count>(
                    """
                    SELECT day AS Label, CAST(SUM(views) AS bigint) AS Views FROM cookies_page_views
                    WHERE tenant_id = @tenant_id AND day >= @from AND day <= @to GROUP BY day
                    """,
                    range))
                .ToDictionary(c => c.Label, c => c.Views, StringComparer.Ordinal);
            var pages = await db.QueryAsync<Count>(
                """
                SELECT path AS Label, CAST(SUM(views) AS bigint) AS Views FROM cookies_page_views
                WHERE tenant_id = @tenant_id AND day >= @from AND day <= @to
                GROUP BY path ORDER BY Views DESC, Label LIMIT @top
                """,
                range);
            var referrers = await db.QueryAsync<Count>(
                """
                SELECT referrer AS Label, CAST(SUM(views) AS bigint) AS Views FROM cookies_page_views
                WHERE tenant_id = @tenant_id AND day >= @from AND day <= @to AND referrer <> ''
                GROUP BY referrer ORDER BY Views DESC, Label LIMIT @top
                """,
                range);
            var days = Enumerable.Range(0, period).Select(i => from.AddDays(i)).Select(d => new Day(d, perDay.GetValueOrDefault(ClinicDates.Value(d)))).ToList();
            return new Report(period, days, pages, referrers);
        }
    }
}

using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Cookies.Features.ConsentLog;

/// <summary>The clinic's proof of consent: every choice a browser made, newest first, on a page and as CSV.</summary>
internal static class ConsentLog
{
    public const string Permission = "cookies.consents.read";
    public const string PagePath = "/settings/cookie-consents";
    public const string ExportPath = "/settings/cookie-consents.csv";
    public const string ExportAction = "cookies.consents.export";
    public const int PageSize = 200;
    private const int Batch = 500;

    // The user agent is typed by outsiders; escaping stops "=HYPERLINK(...)" from running as a spreadsheet formula.
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    private static readonly string[] Header = ["recorded_at_utc", "consent_id", "choice", "categories", "policy_revision", "ip_hash", "user_agent", "id"];

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public string ConsentId { get; init; } = "";

        public string Choice { get; init; } = "";

        public string Categories { get; init; } = "";

        public string Revision { get; init; } = "";

        public DateTimeOffset RecordedAt { get; init; }

        public string IpHash { get; init; } = "";

        public string UserAgent { get; init; } = "";
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(ExportPath, (Handler handler, HttpContext http) => handler.ExportAsync(http.RequestAborted))
            .RequirePermission(Permission)
            .ExcludeFromDescription();

    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Task<IReadOnlyList<Row>> OlderThanAsync(DbSession db, DateTimeOffset before, Guid beforeId, int limit) =>
        db.QueryAsync<Row>(
            """
            SELECT id AS Id, visitor_id AS ConsentId, choice AS Choice, categories AS Categories, policy_version AS Revision,
                   recorded_at AS RecordedAt, ip_hash AS IpHash, user_agent AS UserAgent
            FROM cookies_consents
            WHERE tenant_id = @tenant_id AND (recorded_at < @before OR (recorded_at = @before AND id < @beforeId))
            ORDER BY recorded_at DESC, id DESC
            LIMIT @limit
            """,
            new { before, beforeId, limit });

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work)
    {
        public async Task<IReadOnlyList<Row>> RecentAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await OlderThanAsync(db, DateTimeOffset.MaxValue, Guid.Empty, PageSize);
        }

        public async Task<IResult> ExportAsync(CancellationToken ct)
        {
            // Committed on its own so a long download holds no transaction open; no record, no export.
            await work.ReadAsync(
                change =>
                {
                    change.Audit(new AuditEntry(ExportAction));
                    return Task.FromResult(true);
                },
                ct);

            return TypedResults.Stream(body => WriteAsync(body, ct), "text/csv; charset=utf-8", "cookie-consents.csv");
        }

        private async Task WriteAsync(Stream body, CancellationToken ct)
        {
            await using var csv = CsvWriter.Create(body, Csv, leaveOpen: true);
            await csv.WriteRecordAsync(Header, ct);
            await using var db = await tenantDb.ReadAsync(ct);
            var (before, beforeId) = (DateTimeOffset.MaxValue, Guid.Empty);
            IReadOnlyList<Row> rows;
            do
            {
                rows = await OlderThanAsync(db, before, beforeId, Batch);
                foreach (var row in rows)
                {
                    await csv.WriteRecordAsync(new[] { Utc(row.RecordedAt), row.ConsentId, row.Choice, row.Categories, row.Revision, row.IpHash, row.UserAgent, row.Id.ToString() }, ct);
                    (before, beforeId) = (row.RecordedAt, row.Id);
                }
            }
            while (rows.Count == Batch);
        }
    }
}

using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Audit;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Sessions;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Accounts.Features.AuditExport;

/// <summary>The audit viewer's entries as CSV, with the same filter. The export is recorded before any entry leaves.</summary>
internal static class AuditExport
{
    public const string AuditAction = "audit.export";
    private const int Batch = 500;

    // The device and names are typed by outsiders; escaping stops "=HYPERLINK(...)" from running as a spreadsheet formula.
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    private static readonly string[] Header =
        ["occurred_at_utc", "sequence", "person_id", "person", "action", "client_id", "record_id", "outcome", "ip", "device", "id", "hash"];

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/audit.csv", async Task<IResult> (Handler handler, RecentConfirmation confirmation, [AsParameters] AuditFilter filter, HttpContext http) =>
                await confirmation.IsRecentAsync(http.User, http.RequestAborted)
                    ? await handler.HandleAsync(filter, http.RequestAborted)
                    : TypedResults.Redirect(RecentConfirmation.PathFor(http.Request.Path + http.Request.QueryString)))
            .RequirePermission(AuditViewer.AuditViewer.Permission)
            .ExcludeFromDescription();

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work, ClinicTime clinicTime)
    {
        public async Task<Results<PushStreamHttpResult, ValidationProblem>> HandleAsync(AuditFilter filter, CancellationToken ct)
        {
            var errors = await work.ValidateAsync(filter, ct);
            if (errors.Any)
                return TypedResults.ValidationProblem(errors.ToProblem());

            var criteria = filter.ToCriteria(await clinicTime.ZoneAsync(ct));
            // Committed on its own so a long download does not hold SQLite's write lock; no record, no export.
            await work.ReadAsync(
                change =>
                {
                    change.Audit(new AuditEntry(AuditAction));
                    return Task.FromResult(true);
                },
                ct);

            return TypedResults.Stream(body => WriteAsync(body, criteria, ct), "text/csv; charset=utf-8", "audit-trail.csv");
        }

        private async Task WriteAsync(Stream body, AuditCriteria criteria, CancellationToken ct)
        {
            await using var csv = CsvWriter.Create(body, Csv, leaveOpen: true);
            await csv.WriteRecordAsync(Header, ct);

            await using var db = await tenantDb.ReadAsync(ct);
            var before = long.MaxValue;
            IReadOnlyList<AuditRow> rows;
            do
            {
                rows = await AuditSearch.OlderThanAsync(db, criteria, before, Batch);
                foreach (var row in rows)
                {
                    await csv.WriteRecordAsync(Fields(row), ct);
                    before = row.Sequence;
                }
            }
            while (rows.Count == Batch);
        }

        private static string?[] Fields(AuditRow row) =>
        [
            row.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.ActorId?.ToString(),
            row.ActorName,
            row.Action,
            row.ClientId?.ToString(),
            row.RecordId?.ToString(),
            row.Outcome,
            row.Ip,
            row.Device,
            row.Id.ToString(),
            row.Hash,
        ];
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Charting.Features.RecentNotes;

/// <summary>Treatment notes written by the clinic's clinicians, newest first.</summary>
internal static class RecentNotes
{
    public const string Permission = "charts.read";
    public const int PageSize = 100;
    public const string AuditAction = "charts.notes_read";

    internal sealed class Row
    {
        public Guid ClientId { get; init; }

        public DateTimeOffset WrittenAt { get; init; }

        public string Summary { get; init; } = "";
    }

    internal sealed class Handler(UnitOfWork work)
    {
        /// <summary>The newest notes; the read is recorded once for each client whose notes it shows, in the read's own transaction.</summary>
        public Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct) =>
            work.ReadAsync(
                async change =>
                {
                    var rows = await change.Db.QueryAsync<Row>(
                        $"""
                        SELECT client_id AS ClientId, written_at AS WrittenAt, summary AS Summary
                        FROM charting_notes
                        WHERE tenant_id = @tenant_id
                        ORDER BY written_at DESC
                        LIMIT {PageSize}
                        """);
                    foreach (var client in rows.Select(r => r.ClientId).Distinct())
                        change.Audit(new AuditEntry(AuditAction) { ClientId = client });
                    return rows;
                },
                ct);
    }
}

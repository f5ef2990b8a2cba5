using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Charting.Features.RecentNotes;

/// <summary>Treatment notes written by the clinic's clinicians, newest first.</summary>
internal static class RecentNotes
{
    public const string Permission = "charts.read";
    public const int PageSize = 100;

    internal sealed class Row
    {
        public DateTimeOffset WrittenAt { get; init; }

        public string Summary { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT written_at AS WrittenAt, summary AS Summary
                FROM charting_notes
                WHERE tenant_id = @tenant_id
                ORDER BY written_at DESC
                LIMIT {PageSize}
                """);
            return rows;
        }
    }
}

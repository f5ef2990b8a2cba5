using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Audit;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Features.AuditViewer;

/// <summary>The owner's view of the audit trail: newest first, filtered, 50 to a page. Looking is itself recorded.</summary>
internal static class AuditViewer
{
    public const string Permission = "audit.read";
    public const string AuditAction = "audit.read";
    public const int PageSize = 50;

    internal sealed class Person
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";
    }

    /// <param name="Waiting">Entries recorded in the last moments and not yet chained: shown once the audit-chain job has placed them.</param>
    internal sealed record Response(IReadOnlyList<AuditRow> Entries, bool HasOlder, IReadOnlyList<Person> People, IReadOnlyList<string> Actions, TimeZoneInfo Zone, long Waiting);

    internal sealed class Handler(UnitOfWork work, ClinicTime clinicTime)
    {
        public async Task<Response> HandleAsync(AuditFilter filter, int page, CancellationToken ct)
        {
            var zone = await clinicTime.ZoneAsync(ct);
            return await work.ReadAsync(change => ReadAsync(change, filter, page, zone), ct);
        }

        private static async Task<Response> ReadAsync(Change change, AuditFilter filter, int page, TimeZoneInfo zone)
        {
            var db = change.Db;
            var entries = await AuditSearch.PageAsync(db, filter.ToCriteria(zone), skip: (long)(page - 1) * PageSize, take: PageSize + 1);
            var waiting = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_audit_pending WHERE tenant_id = @tenant_id");
            // Everyone who ever had an account, deactivated members included: their entries stay in the trail.
            var people = await db.QueryAsync<Person>("SELECT id AS Id, name AS Name FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY name");
            var actions = await AuditSearch.ActionsAsync(db);
            change.Audit(new AuditEntry(AuditAction));
            return new Response([.. entries.Take(PageSize)], entries.Count > PageSize, people, actions, zone, waiting);
        }
    }
}

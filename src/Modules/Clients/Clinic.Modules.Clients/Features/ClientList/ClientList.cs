using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Clients.Features.ClientList;

/// <summary>The client directory as reception sees it: names and contact details, alphabetically.</summary>
internal static class ClientList
{
    public const string Permission = "clients.read";
    public const int PageSize = 100;
    public const string AuditAction = "clients.list";

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Phone { get; init; }

        public string? Email { get; init; }
    }

    internal sealed class Handler(TenantDb tenantDb, IAuditTrail audit)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct)
        {
            // The view is recorded in the read's own transaction, and exists exactly when the read committed.
            await using var db = await tenantDb.ReadAsync(ct);
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT id AS Id, first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email
                FROM clients_clients
                WHERE tenant_id = @tenant_id
                ORDER BY last_name, first_name
                LIMIT {PageSize}
                """);
            await audit.RecordAsync(db, new AuditEntry(AuditAction));
            await db.CommitAsync();
            return rows;
        }
    }
}

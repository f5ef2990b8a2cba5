using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
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

    internal sealed class Handler(UnitOfWork work)
    {
        public Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct) => work.ReadAsync(ListAsync, ct);

        private static async Task<IReadOnlyList<Row>> ListAsync(Change change)
        {
            var rows = await change.Db.QueryAsync<Row>(
                $"""
                SELECT id AS Id, first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email
                FROM clients_clients
                WHERE tenant_id = @tenant_id
                ORDER BY last_name, first_name
                LIMIT {PageSize}
                """);
            change.Audit(new AuditEntry(AuditAction));
            return rows;
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Clients.Features.MergeClients;

/// <summary>Clients who share a mobile number or an email address (in any case), grouped, for staff to merge.</summary>
internal static class DuplicateClients
{
    public const string AuditAction = "clients.duplicates_listed";

    /// <summary>Enough for a clinic to work through; the list shrinks as groups are merged.</summary>
    public const int MaxRows = 500;

    internal sealed class Row
    {
        /// <summary>"mobile" or "email".</summary>
        public string Kind { get; init; } = "";

        /// <summary>The shared value: the E.164 mobile, or the lower-cased email.</summary>
        public string Shared { get; init; } = "";

        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Phone { get; init; }

        public string? Email { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }

    internal sealed record Group(string Kind, string Shared, IReadOnlyList<Row> Clients);

    internal sealed class Handler(UnitOfWork work)
    {
        public async Task<IReadOnlyList<Group>> HandleAsync(CancellationToken ct)
        {
            var rows = await work.ReadAsync(change => ListAsync(change), ct);
            return [.. rows.GroupBy(r => (r.Kind, r.Shared)).Where(g => g.Count() > 1).Select(g => new Group(g.Key.Kind, g.Key.Shared, [.. g]))];
        }

        private static async Task<IReadOnlyList<Row>> ListAsync(Change change)
        {
            var rows = await change.Db.QueryAsync<Row>(
                $"""
                SELECT 'mobile' AS Kind, c.phone AS Shared, c.id AS Id, c.first_name AS FirstName, c.last_name AS LastName,
                    c.phone AS Phone, c.email AS Email, c.created_at AS CreatedAt
                FROM clients_clients c
                WHERE c.tenant_id = @tenant_id AND c.phone IN (
                    SELECT d.phone FROM clients_clients d
                    WHERE d.tenant_id = @tenant_id AND d.phone IS NOT NULL
                    GROUP BY d.phone HAVING count(*) > 1)
                UNION ALL
                SELECT 'email', lower(c.email), c.id, c.first_name, c.last_name, c.phone, c.email, c.created_at
                FROM clients_clients c
                WHERE c.tenant_id = @tenant_id AND lower(c.email) IN (
                    SELECT lower(d.email) FROM clients_clients d
                    WHERE d.tenant_id = @tenant_id AND d.email IS NOT NULL
                    GROUP BY lower(d.email) HAVING count(*) > 1)
                ORDER BY 1, 2, 8, 3
                LIMIT {MaxRows}
                """);
            change.Audit(new AuditEntry(AuditAction));
            return rows;
        }
    }
}

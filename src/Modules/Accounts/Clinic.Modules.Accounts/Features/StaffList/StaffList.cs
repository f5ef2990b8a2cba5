using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Accounts.Features.StaffList;

/// <summary>The clinic's staff as the owner manages them: members, active or not, and invitations still pending.</summary>
internal static class StaffList
{
    public const string Permission = "staff.manage";

    internal sealed class Member
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Email { get; init; } = "";

        public string Role { get; init; } = "";

        public bool Active { get; init; }

        public bool TwoFactor { get; init; }
    }

    internal sealed class Invitation
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Email { get; init; } = "";

        public string Role { get; init; } = "";

        public DateTimeOffset ExpiresAt { get; init; }
    }

    internal sealed record Response(IReadOnlyList<Member> Members, IReadOnlyList<Invitation> Pending);

    internal sealed class Handler(TenantDb tenantDb, TimeProvider time)
    {
        public async Task<Response> HandleAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var members = await db.QueryAsync<Member>(
                """
                SELECT id AS Id, name AS Name, email AS Email, role AS Role, active AS Active,
                    EXISTS (SELECT 1 FROM accounts_two_factor t WHERE t.tenant_id = s.tenant_id AND t.staff_id = s.id) AS TwoFactor
                FROM accounts_staff s
                WHERE tenant_id = @tenant_id
                ORDER BY active DESC, name, email
                """);
            var pending = await db.QueryAsync<Invitation>(
                """
                SELECT id AS Id, name AS Name, email AS Email, role AS Role, expires_at AS ExpiresAt
                FROM accounts_invitations
                WHERE tenant_id = @tenant_id AND accepted_at IS NULL AND expires_at > @now
                ORDER BY created_at DESC
                """,
                new { now = time.GetUtcNow() });
            return new Response([.. members], [.. pending]);
        }

        /// <summary>One member of this clinic, or null for an unknown id, a malformed one, or another clinic's.</summary>
        public async Task<Member?> FindAsync(string? id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var staffId))
                return null;
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QuerySingleOrDefaultAsync<Member>(
                """
                SELECT id AS Id, name AS Name, email AS Email, role AS Role, active AS Active,
                    EXISTS (SELECT 1 FROM accounts_two_factor t WHERE t.tenant_id = s.tenant_id AND t.staff_id = s.id) AS TwoFactor
                FROM accounts_staff s
                WHERE tenant_id = @tenant_id AND id = @staffId
                """,
                new { staffId });
        }
    }
}

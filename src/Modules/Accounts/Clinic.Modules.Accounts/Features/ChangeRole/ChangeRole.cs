using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.Staff;

namespace Clinic.Modules.Accounts.Features.ChangeRole;

/// <summary>
/// The owner gives a member another role. The role travels in the session cookie, so the member's sessions end and the
/// new role applies from their next sign-in; a clinic never loses its last active owner.
/// </summary>
internal static class ChangeRole
{
    public const string AuditAction = "staff.role_changed";
    public const string SessionEndedReason = "role changed";
    public const string LastOwner = StaffAccounts.LastOwnerMessage;
    public const string UnknownRole = "Choose Reception, Clinician or Owner.";

    internal sealed class Request
    {
        public string? Role { get; set; }
    }

    internal enum Outcome
    {
        Changed,
        Unchanged,
        NotFound,
        LastOwner,
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions, IAuditTrail audit)
    {
        public async Task<Outcome> HandleAsync(Guid staffId, string role, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var current = await db.QuerySingleOrDefaultAsync<Target>(
                "SELECT role AS Role, active AS Active FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staffId",
                new { staffId });
            if (current is null)
                return Outcome.NotFound;
            if (current.Role == role)
                return Outcome.Unchanged;
            if (current is { Role: Roles.Owner, Active: true } && await StaffAccounts.OtherActiveOwnersAsync(db, staffId) == 0)
                return Outcome.LastOwner;

            await db.ExecuteAsync("UPDATE accounts_staff SET role = @role WHERE tenant_id = @tenant_id AND id = @staffId", new { staffId, role });
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(db, staffId, Guid.Empty, SessionEndedReason);
            await db.CommitAsync();
            return Outcome.Changed;
        }

        private sealed class Target
        {
            public string Role { get; init; } = "";

            public bool Active { get; init; }
        }
    }
}

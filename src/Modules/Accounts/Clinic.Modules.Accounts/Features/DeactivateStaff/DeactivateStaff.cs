using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.Staff;

namespace Clinic.Modules.Accounts.Features.DeactivateStaff;

/// <summary>The owner deactivates a member: they can no longer sign in, and every session of theirs ends at once.</summary>
internal static class DeactivateStaff
{
    public const string AuditAction = "staff.deactivated";
    public const string SessionEndedReason = "deactivated";
    public const string NotYourself = "You cannot deactivate yourself. Ask another owner to do it.";
    public const string LastOwner = StaffAccounts.LastOwnerMessage;

    /// <summary>The confirmation form carries nothing but the owner's intent.</summary>
    internal sealed class Request
    {
        public string? Confirm { get; set; }
    }

    internal enum Outcome
    {
        Deactivated,
        NotFound,
        Yourself,
        LastOwner,
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions, IAuditTrail audit)
    {
        public async Task<Outcome> HandleAsync(Guid staffId, Guid actingStaffId, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var target = await db.QuerySingleOrDefaultAsync<Target>(
                "SELECT role AS Role, active AS Active FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staffId",
                new { staffId });
            if (target is null)
                return Outcome.NotFound;
            if (!target.Active)
                return Outcome.Deactivated;
            if (staffId == actingStaffId)
                return Outcome.Yourself;
            if (target.Role == Roles.Owner && await StaffAccounts.OtherActiveOwnersAsync(db, staffId) == 0)
                return Outcome.LastOwner;

            await db.ExecuteAsync("UPDATE accounts_staff SET active = FALSE WHERE tenant_id = @tenant_id AND id = @staffId", new { staffId });
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(db, staffId, Guid.Empty, SessionEndedReason);
            await db.CommitAsync();
            return Outcome.Deactivated;
        }

        private sealed class Target
        {
            public string Role { get; init; } = "";

            public bool Active { get; init; }
        }
    }
}

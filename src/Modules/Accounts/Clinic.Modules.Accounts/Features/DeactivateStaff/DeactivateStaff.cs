using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
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

    /// <summary>The confirmation form carries nothing but the owner's intent; the page fills in who and by whom.</summary>
    internal sealed class Request
    {
        public string? Confirm { get; set; }

        /// <summary>From the route, never from the form.</summary>
        public string? StaffId { get; set; }

        /// <summary>The signed-in owner, never from the form.</summary>
        public Guid ActingStaffId { get; set; }
    }

    internal sealed class Handler(StaffSessions sessions) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            if (!Guid.TryParse(command.StaffId, out var staffId))
                return Outcome.NotFound;
            var target = await change.Db.QuerySingleOrDefaultAsync<Target>(
                "SELECT role AS Role, active AS Active FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staffId",
                new { staffId });
            if (target is null)
                return Outcome.NotFound;
            if (!target.Active)
                return staffId;
            if (staffId == command.ActingStaffId)
                return Outcome.Invalid("", NotYourself);
            if (target.Role == Roles.Owner && await StaffAccounts.OtherActiveOwnersAsync(change.Db, staffId) == 0)
                return Outcome.Invalid("", LastOwner);

            await change.Db.ExecuteAsync("UPDATE accounts_staff SET active = FALSE WHERE tenant_id = @tenant_id AND id = @staffId", new { staffId });
            change.Audit(new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(change, staffId, Guid.Empty, SessionEndedReason);
            return staffId;
        }

        private sealed class Target
        {
            public string Role { get; init; } = "";

            public bool Active { get; init; }
        }
    }
}

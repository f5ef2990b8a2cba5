using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;

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
        /// <summary>From the route, never from the form.</summary>
        public string? StaffId { get; set; }

        public string? Role { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.Role).Must(role => role is not null && Roles.Staff.Contains(role, StringComparer.Ordinal)).WithMessage(UnknownRole);
    }

    internal sealed class Handler(StaffSessions sessions) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            if (!Guid.TryParse(command.StaffId, out var staffId))
                return Outcome.NotFound;
            var current = await change.Db.QuerySingleOrDefaultAsync<Target>(
                "SELECT role AS Role, active AS Active FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staffId",
                new { staffId });
            if (current is null)
                return Outcome.NotFound;
            if (current.Role == command.Role)
                return staffId;
            if (current is { Role: Roles.Owner, Active: true } && await StaffAccounts.OtherActiveOwnersAsync(change.Db, staffId) == 0)
                return Outcome.Invalid(nameof(Request.Role), LastOwner);

            await change.Db.ExecuteAsync("UPDATE accounts_staff SET role = @role WHERE tenant_id = @tenant_id AND id = @staffId", new { staffId, role = command.Role });
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

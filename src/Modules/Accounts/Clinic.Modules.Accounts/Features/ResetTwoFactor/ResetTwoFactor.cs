using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.TwoFactor;

namespace Clinic.Modules.Accounts.Features.ResetTwoFactor;

/// <summary>
/// The owner turns two-factor sign-in off for a member who lost their phone and their recovery codes. The member's
/// key and codes are deleted and every session of theirs ends, so whoever holds the phone gains nothing; they sign in
/// with their password and, if the clinic requires it, set up two-factor again.
/// </summary>
internal static class ResetTwoFactor
{
    public const string AuditAction = "twofactor.reset";
    public const string SessionEndedReason = "two-factor reset";
    public const string NotYourself = "You cannot reset your own two-factor sign-in here. Turn it off on your own two-factor page, or ask another owner.";
    public const string NotEnabled = "Two-factor sign-in is already off for this member.";

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
            var exists = await change.Db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staffId)",
                new { staffId });
            if (!exists)
                return Outcome.NotFound;
            if (staffId == command.ActingStaffId)
                return Outcome.Invalid("", NotYourself);
            if (!await TwoFactorKeys.IsEnabledAsync(change.Db, staffId))
                return Outcome.Invalid("", NotEnabled);

            await TwoFactorKeys.DeleteAsync(change.Db, staffId);
            change.Audit(new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(change, staffId, Guid.Empty, SessionEndedReason);
            return staffId;
        }
    }
}

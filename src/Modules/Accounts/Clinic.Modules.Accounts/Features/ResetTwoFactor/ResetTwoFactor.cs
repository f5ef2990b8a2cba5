using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
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

    /// <summary>The confirmation form carries nothing but the owner's intent.</summary>
    internal sealed class Request
    {
        public string? Confirm { get; set; }
    }

    internal enum Outcome
    {
        Reset,
        NotFound,
        Yourself,
        NotEnabled,
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions, IAuditTrail audit)
    {
        public async Task<Outcome> HandleAsync(Guid staffId, Guid actingStaffId, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var exists = await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @staffId)",
                new { staffId });
            if (!exists)
                return Outcome.NotFound;
            if (staffId == actingStaffId)
                return Outcome.Yourself;
            if (!await TwoFactorKeys.IsEnabledAsync(db, staffId))
                return Outcome.NotEnabled;

            await TwoFactorKeys.DeleteAsync(db, staffId);
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(db, staffId, Guid.Empty, SessionEndedReason);
            await db.CommitAsync();
            return Outcome.Reset;
        }
    }
}

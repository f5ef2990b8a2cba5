using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.TwoFactor;

namespace Clinic.Modules.Accounts.Features.SignIn;

/// <summary>
/// The second step of sign-in: a code from the authenticator app or an unused recovery code. Wrong codes count
/// towards the same lockout as wrong passwords, so knowing the password does not buy unlimited guesses.
/// </summary>
internal static class TwoFactorSignIn
{
    public const string Failed = "signin.twofactor_failed";
    public const string RecoveryCodeUsed = "signin.recovery_code_used";

    internal sealed class Request
    {
        public string? Code { get; set; }
    }

    internal sealed class Handler(TenantDb tenantDb, TwoFactorKeys keys, IAuditTrail audit, AuditContext context, AccountLockout lockout, TimeProvider time)
    {
        /// <summary>The account to start a session for, or null when the code is wrong, spent, or the account is locked.</summary>
        public async Task<StaffAccount?> HandleAsync(Guid staffId, Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var now = time.GetUtcNow();
            var account = await StaffAccounts.FindAsync(db, staffId);
            if (account is not { Active: true })
                return null;

            var emailHash = AccountLockout.EmailHash(account.Email);
            var wasLocked = await lockout.IsLockedAsync(db, emailHash, now);
            var factor = wasLocked ? SecondFactor.None : await keys.VerifyAsync(db, staffId, request.Code);
            var signedIn = factor != SecondFactor.None;
            await AccountLockout.RecordAsync(db, emailHash, signedIn, context.Ip, now);
            if (signedIn)
            {
                if (factor == SecondFactor.RecoveryCode)
                    await audit.RecordAsync(db, new AuditEntry(RecoveryCodeUsed) { Actor = new AuditActor(account.Id, account.Name), RecordId = account.Id });
                await audit.RecordAsync(db, new AuditEntry(PasswordSignIn.Succeeded) { Actor = new AuditActor(account.Id, account.Name) });
            }
            else
            {
                await audit.RecordAsync(db, new AuditEntry(Failed, AuditOutcome.Failure) { RecordId = account.Id });
                if (!wasLocked && await lockout.IsLockedAsync(db, emailHash, now))
                    await audit.RecordAsync(db, new AuditEntry(AccountLockout.LockedOut, AuditOutcome.Denied) { RecordId = account.Id });
            }

            await db.CommitAsync();
            return signedIn ? account : null;
        }
    }
}

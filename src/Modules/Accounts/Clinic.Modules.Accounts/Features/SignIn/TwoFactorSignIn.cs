using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
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

    public const string WrongCode = "That code is not right, has been used, or this account is locked for now.";

    internal sealed class Request
    {
        public string? Code { get; set; }

        /// <summary>Who passed the first step, from the pending sign-in's cookie; never from the form.</summary>
        public Guid StaffId { get; set; }
    }

    /// <summary>The account to start a session for; a wrong or spent code, or a locked account, is refused and counted.</summary>
    internal sealed class Handler(TwoFactorKeys keys, AuditContext context, AccountLockout lockout, TimeProvider time) : ICommandHandler<Request, StaffAccount>
    {
        public async Task<Outcome<StaffAccount>> HandleAsync(Request command, Change change)
        {
            var now = time.GetUtcNow();
            var account = await StaffAccounts.FindAsync(change.Db, command.StaffId);
            if (account is null)
                return Outcome.NotFound;
            if (!account.Active)
                return Outcome.Invalid(nameof(Request.Code), WrongCode);

            var emailHash = AccountLockout.EmailHash(account.Email);
            var wasLocked = await lockout.IsLockedAsync(change.Db, emailHash, now);
            var factor = wasLocked ? SecondFactor.None : await keys.VerifyAsync(change.Db, command.StaffId, command.Code);
            var signedIn = factor != SecondFactor.None;
            await AccountLockout.CountAsync(change.Db, emailHash, signedIn, context.Ip, now);
            if (signedIn)
            {
                if (factor == SecondFactor.RecoveryCode)
                    change.Audit(new AuditEntry(RecoveryCodeUsed) { Actor = new AuditActor(account.Id, account.Name), RecordId = account.Id });
                change.Audit(new AuditEntry(PasswordSignIn.Succeeded) { Actor = new AuditActor(account.Id, account.Name) });
                return account;
            }

            change.Audit(new AuditEntry(Failed, AuditOutcome.Failure) { RecordId = account.Id });
            if (!wasLocked && await lockout.IsLockedAsync(change.Db, emailHash, now))
                change.Audit(new AuditEntry(AccountLockout.LockedOut, AuditOutcome.Denied) { RecordId = account.Id });
            return Outcome.Invalid(nameof(Request.Code), WrongCode).Recorded();
        }
    }
}

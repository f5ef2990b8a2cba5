using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.ConfirmIdentity;

/// <summary>
/// The member types their password again before a sensitive action. Wrong passwords count towards the same lockout
/// as sign-in, so an open session cannot be used to guess the password.
/// </summary>
internal static class ConfirmIdentity
{
    public const string Confirmed = "reauth.succeeded";
    public const string Failed = "reauth.failed";
    public const string WrongPassword = "That password is not right, or this account is locked for now.";

    internal sealed class Request
    {
        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }

        /// <summary>The signed-in member and their session, never from the form.</summary>
        public Guid StaffId { get; set; }

        public Guid SessionId { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.")
                .Secret("Password", 512);
    }

    /// <summary>Confirms the session; a wrong password is refused, and counted and audited all the same.</summary>
    internal sealed class Handler(StaffSessions sessions, AccountLockout lockout, AuditContext context, TimeProvider time) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var now = time.GetUtcNow();
            var account = await StaffAccounts.FindAsync(change.Db, command.StaffId);
            if (account is not { Active: true })
                return Outcome.Invalid(nameof(Request.Password), WrongPassword);

            var emailHash = AccountLockout.EmailHash(account.Email);
            var wasLocked = await lockout.IsLockedAsync(change.Db, emailHash, now);
            var confirmed = !wasLocked && StaffAccounts.PasswordMatches(account, command.Password!);
            await AccountLockout.CountAsync(change.Db, emailHash, confirmed, context.Ip, now);
            change.Audit(new AuditEntry(confirmed ? Confirmed : Failed, confirmed ? AuditOutcome.Success : AuditOutcome.Failure) { RecordId = command.SessionId });
            if (confirmed)
            {
                await sessions.ConfirmAsync(change.Db, command.SessionId);
                return command.SessionId;
            }

            if (!wasLocked && await lockout.IsLockedAsync(change.Db, emailHash, now))
                change.Audit(new AuditEntry(AccountLockout.LockedOut, AuditOutcome.Denied) { RecordId = command.StaffId });
            return Outcome.Invalid(nameof(Request.Password), WrongPassword).Recorded();
        }
    }
}

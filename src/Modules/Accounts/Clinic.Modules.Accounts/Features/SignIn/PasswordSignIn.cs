using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.TwoFactor;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Modules.Accounts.Features.SignIn;

/// <summary>Staff sign-in with email and password. The answer never says which of the two was wrong.</summary>
internal static class PasswordSignIn
{
    public const string Succeeded = "signin.succeeded";
    public const string Failed = "signin.failed";
    public const string PasswordAccepted = "signin.password_accepted";
    public const string NoMatch = "That email and password do not match an active account.";

    internal sealed class Request
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.")
                .SingleLine("Email", 254).EmailAddress().WithMessage("Enter a valid email address.");
            RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.")
                .Secret("Password", 512);
            RuleFor(r => r.ReturnUrl).SingleLine("Return address", 2048);
        }
    }

    /// <summary>
    /// Signed in as the account. With the password right, <see cref="SecondFactor"/> says a code must follow, and
    /// <see cref="MustEnrol"/> that the clinic requires two-factor sign-in and the account has not set it up.
    /// </summary>
    internal sealed record Result(StaffAccount Account, bool SecondFactor, bool MustEnrol);

    /// <summary>
    /// Every attempt is counted and recorded, a refusal too; a refusal never says whether the email exists or is locked.
    /// The per-account rate limit is the page's, checked once before this runs, since a transaction may run again.
    /// </summary>
    internal sealed class Handler(AuditContext context, AccountLockout lockout, TimeProvider time) : ICommandHandler<Request, Result>
    {
        // Checked when there is no account to check, so an unknown or locked email costs the same time as a wrong password.
        private static readonly StaffAccount Decoy = new() { PasswordHash = new PasswordHasher<StaffAccount>().HashPassword(null!, Guid.NewGuid().ToString()) };

        public async Task<Outcome<Result>> HandleAsync(Request command, Change change)
        {
            var db = change.Db;
            var now = time.GetUtcNow();
            var emailHash = AccountLockout.EmailHash(command.Email!);
            var wasLocked = await lockout.IsLockedAsync(db, emailHash, now);
            var account = await StaffAccounts.FindAsync(db, command.Email!);
            var open = account is { Active: true } && !wasLocked;
            var signedIn = StaffAccounts.PasswordMatches(open ? account! : Decoy, command.Password!) && open;
            var secondFactor = signedIn && await TwoFactorKeys.IsEnabledAsync(db, account!.Id);
            var mustEnrol = signedIn && !secondFactor && await TwoFactorKeys.IsRequiredAsync(db);
            // With two-factor on, only the code counts as a success: a known password must not reset the failure count.
            if (!secondFactor)
                await AccountLockout.CountAsync(db, emailHash, signedIn, context.Ip, now);
            // A failure names no actor and never stores the typed email, which may be a stranger's address or a
            // password pasted into the wrong field; it points at the account only when the email belongs to one.
            change.Audit(signedIn
                ? new AuditEntry(secondFactor ? PasswordAccepted : Succeeded) { Actor = new AuditActor(account!.Id, account.Name) }
                : new AuditEntry(Failed, AuditOutcome.Failure) { RecordId = account?.Id });
            if (signedIn)
                return new Result(account!, secondFactor, mustEnrol);

            if (!wasLocked && await lockout.IsLockedAsync(db, emailHash, now))
                change.Audit(new AuditEntry(AccountLockout.LockedOut, AuditOutcome.Denied) { RecordId = account?.Id });
            return Outcome.Invalid("", NoMatch).Recorded();
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
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
    /// How an attempt ended: signed in as the account, refused, or refused until <see cref="RetryAfter"/> has passed.
    /// With the password right, <see cref="SecondFactor"/> says a code must follow, and <see cref="MustEnrol"/> that the
    /// clinic requires two-factor sign-in and the account has not set it up.
    /// </summary>
    internal sealed record Result(StaffAccount? Account, TimeSpan? RetryAfter = null, bool SecondFactor = false, bool MustEnrol = false);

    internal sealed class Handler(TenantDb tenantDb, ITenantContext tenant, IAuditTrail audit, AuditContext context, AccountLockout lockout, SignInRateLimits limits, TimeProvider time)
    {
        // Checked when there is no account to check, so an unknown or locked email costs the same time as a wrong password.
        private static readonly StaffAccount Decoy = new() { PasswordHash = new PasswordHasher<StaffAccount>().HashPassword(null!, Guid.NewGuid().ToString()) };

        /// <summary>The attempt's result; every attempt is recorded, and a refusal never says whether the email exists or is locked.</summary>
        public async Task<Result> HandleAsync(Request request, CancellationToken ct)
        {
            if (limits.RetryAfter(tenant.Required, request.Email!) is { } wait)
                return new Result(null, wait);

            await using var db = await tenantDb.BeginAsync(ct);
            var now = time.GetUtcNow();
            var emailHash = AccountLockout.EmailHash(request.Email!);
            var wasLocked = await lockout.IsLockedAsync(db, emailHash, now);
            var account = await StaffAccounts.FindAsync(db, request.Email!);
            var open = account is { Active: true } && !wasLocked;
            var signedIn = StaffAccounts.PasswordMatches(open ? account! : Decoy, request.Password!) && open;
            var secondFactor = signedIn && await TwoFactorKeys.IsEnabledAsync(db, account!.Id);
            var mustEnrol = signedIn && !secondFactor && await TwoFactorKeys.IsRequiredAsync(db);
            // With two-factor on, only the code counts as a success: a known password must not reset the failure count.
            if (!secondFactor)
                await AccountLockout.RecordAsync(db, emailHash, signedIn, context.Ip, now);
            // A failure names no actor and never stores the typed email, which may be a stranger's address or a
            // password pasted into the wrong field; it points at the account only when the email belongs to one.
            await audit.RecordAsync(db, signedIn
                ? new AuditEntry(secondFactor ? PasswordAccepted : Succeeded) { Actor = new AuditActor(account!.Id, account.Name) }
                : new AuditEntry(Failed, AuditOutcome.Failure) { RecordId = account?.Id });
            if (!signedIn && !wasLocked && await lockout.IsLockedAsync(db, emailHash, now))
                await audit.RecordAsync(db, new AuditEntry(AccountLockout.LockedOut, AuditOutcome.Denied) { RecordId = account?.Id });
            await db.CommitAsync();
            return new Result(signedIn ? account : null, SecondFactor: secondFactor, MustEnrol: mustEnrol);
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
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
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.")
                .Secret("Password", 512);
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions, AccountLockout lockout, IAuditTrail audit, AuditContext context, TimeProvider time)
    {
        public async Task<bool> HandleAsync(Guid staffId, Guid sessionId, Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var now = time.GetUtcNow();
            var account = await StaffAccounts.FindAsync(db, staffId);
            if (account is not { Active: true })
                return false;

            var emailHash = AccountLockout.EmailHash(account.Email);
            var wasLocked = await lockout.IsLockedAsync(db, emailHash, now);
            var confirmed = !wasLocked && StaffAccounts.PasswordMatches(account, request.Password!);
            await AccountLockout.RecordAsync(db, emailHash, confirmed, context.Ip, now);
            await audit.RecordAsync(db, new AuditEntry(confirmed ? Confirmed : Failed, confirmed ? AuditOutcome.Success : AuditOutcome.Failure) { RecordId = sessionId });
            if (confirmed)
                await sessions.ConfirmAsync(db, sessionId);
            else if (!wasLocked && await lockout.IsLockedAsync(db, emailHash, now))
                await audit.RecordAsync(db, new AuditEntry(AccountLockout.LockedOut, AuditOutcome.Denied) { RecordId = staffId });
            await db.CommitAsync();
            return confirmed;
        }
    }
}

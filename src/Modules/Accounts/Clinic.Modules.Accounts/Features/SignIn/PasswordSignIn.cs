using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.SignIn;

/// <summary>Staff sign-in with email and password. The answer never says which of the two was wrong.</summary>
internal static class PasswordSignIn
{
    public const string Succeeded = "signin.succeeded";
    public const string Failed = "signin.failed";

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
                .MaximumLength(254).EmailAddress().WithMessage("Enter a valid email address.");
            RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.")
                .MaximumLength(512);
        }
    }

    internal sealed class Handler(TenantDb tenantDb, IAuditTrail audit)
    {
        /// <summary>The account, or null; either way the attempt is recorded.</summary>
        public async Task<StaffAccount?> HandleAsync(Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var account = await StaffAccounts.FindAsync(db, request.Email!);
            var signedIn = account is { Active: true } && StaffAccounts.PasswordMatches(account, request.Password!);
            // A failure names no actor and never stores the typed email, which may be a stranger's address or a
            // password pasted into the wrong field; it points at the account only when the email belongs to one.
            await audit.RecordAsync(db, signedIn
                ? new AuditEntry(Succeeded) { Actor = new AuditActor(account!.Id, account.Name) }
                : new AuditEntry(Failed, AuditOutcome.Failure) { RecordId = account?.Id });
            await db.CommitAsync();
            return signedIn ? account : null;
        }
    }
}

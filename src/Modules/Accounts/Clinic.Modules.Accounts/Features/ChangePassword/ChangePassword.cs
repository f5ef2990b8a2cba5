using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Passwords;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Modules.Accounts.Features.ChangePassword;

/// <summary>A staff member changes their own password; every other session of theirs ends, this one stays.</summary>
internal static class ChangePassword
{
    public const string AuditAction = "password.changed";
    public const string WrongCurrentPassword = "That is not your current password.";

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    internal sealed class Request
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? ConfirmPassword { get; set; }

        /// <summary>The signed-in member, their session and email: from the cookie, never from the form.</summary>
        public Guid StaffId { get; set; }

        public Guid SessionId { get; set; }

        public string? Email { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("Enter your current password.")
                .Secret("Current password", 512);
            RuleFor(r => r.NewPassword).Secret("New password", PasswordPolicy.MaximumLength).Custom((password, context) =>
            {
                if (PasswordPolicy.Problem(password, context.InstanceToValidate.Email) is { } problem)
                    context.AddFailure(problem);
            });
            RuleFor(r => r.ConfirmPassword).NotEmpty().WithMessage("Type the new password again.")
                .Secret("New password again", PasswordPolicy.MaximumLength)
                .Equal(r => r.NewPassword).WithMessage("The two new passwords do not match.");
        }
    }

    /// <summary>A wrong current password is refused; nothing changes then but a failure in the audit trail.</summary>
    internal sealed class Handler(StaffSessions sessions) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var staffId = command.StaffId;
            var account = await change.Db.QuerySingleOrDefaultAsync<StaffAccount>(
                """
                SELECT id AS Id, tenant_id AS TenantId, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, active AS Active
                FROM accounts_staff
                WHERE tenant_id = @tenant_id AND id = @staffId
                """,
                new { staffId });
            if (account is not { Active: true } || !StaffAccounts.PasswordMatches(account, command.CurrentPassword!))
            {
                change.Audit(new AuditEntry(AuditAction, AuditOutcome.Failure) { RecordId = staffId });
                return Outcome.Invalid(nameof(Request.CurrentPassword), WrongCurrentPassword).Recorded();
            }

            await change.Db.ExecuteAsync(
                "UPDATE accounts_staff SET password_hash = @hash WHERE tenant_id = @tenant_id AND id = @staffId",
                new { staffId, hash = Hasher.HashPassword(account, command.NewPassword!) });
            change.Audit(new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(change, staffId, command.SessionId, StaffSessions.PasswordChanged);
            return staffId;
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
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
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(string? email)
        {
            RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("Enter your current password.")
                .Secret("Current password", 512);
            RuleFor(r => r.NewPassword).Secret("New password", PasswordPolicy.MaximumLength).Custom((password, context) =>
            {
                if (PasswordPolicy.Problem(password, email) is { } problem)
                    context.AddFailure(problem);
            });
            RuleFor(r => r.ConfirmPassword).NotEmpty().WithMessage("Type the new password again.")
                .Secret("New password again", PasswordPolicy.MaximumLength)
                .Equal(r => r.NewPassword).WithMessage("The two new passwords do not match.");
        }
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions, IAuditTrail audit)
    {
        /// <summary>False when the current password is wrong; then nothing changes but a failure in the audit trail.</summary>
        public async Task<bool> HandleAsync(Guid staffId, Guid currentSession, Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var account = await db.QuerySingleOrDefaultAsync<StaffAccount>(
                """
                SELECT id AS Id, tenant_id AS TenantId, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, active AS Active
                FROM accounts_staff
                WHERE tenant_id = @tenant_id AND id = @staffId
                """,
                new { staffId });
            if (account is not { Active: true } || !StaffAccounts.PasswordMatches(account, request.CurrentPassword!))
            {
                await audit.RecordAsync(db, new AuditEntry(AuditAction, AuditOutcome.Failure) { RecordId = staffId });
                await db.CommitAsync();
                return false;
            }

            await db.ExecuteAsync(
                "UPDATE accounts_staff SET password_hash = @hash WHERE tenant_id = @tenant_id AND id = @staffId",
                new { staffId, hash = Hasher.HashPassword(account, request.NewPassword!) });
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = staffId });
            await sessions.EndOthersAsync(db, staffId, currentSession, StaffSessions.PasswordChanged);
            await db.CommitAsync();
            return true;
        }
    }
}

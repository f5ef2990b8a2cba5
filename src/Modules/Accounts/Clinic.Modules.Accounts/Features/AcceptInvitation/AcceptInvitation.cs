using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Passwords;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Modules.Accounts.Features.AcceptInvitation;

/// <summary>The invited person sets a password and joins the clinic's staff with the invited role. The link works once.</summary>
internal static class AcceptInvitation
{
    public const string AuditAction = "staff.invitation_accepted";

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    internal sealed class Request
    {
        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(string? email)
        {
            RuleFor(r => r.Password).Secret("Password", PasswordPolicy.MaximumLength).Custom((password, context) =>
            {
                if (PasswordPolicy.Problem(password, email) is { } problem)
                    context.AddFailure(problem);
            });
            RuleFor(r => r.ConfirmPassword).NotEmpty().WithMessage("Type the password again.")
                .Secret("Password again", PasswordPolicy.MaximumLength)
                .Equal(r => r.Password).WithMessage("The two passwords do not match.");
        }
    }

    /// <summary>What the link page shows: which clinic, and who was invited.</summary>
    internal sealed record Invitation(Guid Id, string ClinicName, string Email, string Name, string Role);

    private sealed class StoredInvitation
    {
        public Guid Id { get; init; }

        public string Email { get; init; } = "";

        public string Name { get; init; } = "";

        public string Role { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, StaffAccounts staff, TimeProvider time, IAuditTrail audit)
    {
        /// <summary>The invitation behind a usable link, or null when it is used, expired or unknown.</summary>
        public async Task<Invitation?> FindAsync(string token, CancellationToken ct)
        {
            StoredInvitation? found;
            await using (var db = await tenantDb.ReadAsync(ct))
                found = await FindAsync(db, token);
            if (found is null)
                return null;
            var clinic = await clinics.FindAsync(tenant.Required, ct);
            return new Invitation(found.Id, clinic?.Name ?? "the clinic", found.Email, found.Name, found.Role);
        }

        /// <summary>Creates (or reactivates) the member and spends the link; null when the link is used, expired or unknown.</summary>
        public async Task<StaffAccount?> HandleAsync(string token, Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var invitation = await FindAsync(db, token);
            if (invitation is null)
                return null;
            var spent = await db.ExecuteAsync(
                "UPDATE accounts_invitations SET accepted_at = @now WHERE tenant_id = @tenant_id AND id = @id AND accepted_at IS NULL",
                new { id = invitation.Id, now = time.GetUtcNow() });
            if (spent == 0)
                return null;

            // Someone deactivated earlier and invited back keeps their record (and its history), with the new role and password.
            var existing = await StaffAccounts.FindAsync(db, invitation.Email);
            if (existing is null)
            {
                await staff.CreateAsync(db, invitation.Email, invitation.Name, invitation.Role, request.Password);
            }
            else
            {
                await db.ExecuteAsync(
                    "UPDATE accounts_staff SET name = @name, role = @role, password_hash = @hash, active = TRUE WHERE tenant_id = @tenant_id AND id = @id",
                    new { id = existing.Id, name = invitation.Name, role = invitation.Role, hash = Hasher.HashPassword(existing, request.Password!) });
            }

            var account = await StaffAccounts.FindAsync(db, invitation.Email);
            await audit.RecordAsync(db, new AuditEntry(AuditAction)
            {
                RecordId = invitation.Id,
                Actor = new AuditActor(account!.Id, account.Name),
            });
            await db.CommitAsync();
            return account;
        }

        private Task<StoredInvitation?> FindAsync(DbSession db, string token) =>
            db.QuerySingleOrDefaultAsync<StoredInvitation>(
                """
                SELECT id AS Id, email AS Email, name AS Name, role AS Role
                FROM accounts_invitations
                WHERE tenant_id = @tenant_id AND token_hash = @hash AND accepted_at IS NULL AND expires_at > @now
                """,
                new { hash = SecretToken.Hash(token), now = time.GetUtcNow() });
    }
}

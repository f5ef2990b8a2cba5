using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
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

        /// <summary>From the link, never from the form.</summary>
        public string Token { get; set; } = "";
    }

    // The rule that a password must not contain the email is the handler's, which knows whose invitation it is.
    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Password).Secret("Password", PasswordPolicy.MaximumLength).Custom((password, context) =>
            {
                if (PasswordPolicy.Problem(password) is { } problem)
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

    internal sealed class Form(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, TimeProvider time)
    {
        /// <summary>The invitation behind a usable link, or null when it is used, expired or unknown.</summary>
        public async Task<Invitation?> FindAsync(string token, CancellationToken ct)
        {
            StoredInvitation? found;
            await using (var db = await tenantDb.ReadAsync(ct))
                found = await StoredAsync(db, token, time);
            if (found is null)
                return null;
            var clinic = await clinics.FindAsync(tenant.Required, ct);
            return new Invitation(found.Id, clinic?.Name ?? "the clinic", found.Email, found.Name, found.Role);
        }
    }

    /// <summary>Creates (or reactivates) the member and spends the link; not found when the link is used, expired or unknown.</summary>
    internal sealed class Handler(StaffAccounts staff, TimeProvider time) : ICommandHandler<Request, StaffAccount>
    {
        public async Task<Outcome<StaffAccount>> HandleAsync(Request command, Change change)
        {
            var db = change.Db;
            var invitation = await StoredAsync(db, command.Token, time);
            if (invitation is null)
                return Outcome.NotFound;
            if (PasswordPolicy.Problem(command.Password, invitation.Email) is { } problem)
                return Outcome.Invalid(nameof(Request.Password), problem);
            var spent = await db.ExecuteAsync(
                "UPDATE accounts_invitations SET accepted_at = @now WHERE tenant_id = @tenant_id AND id = @id AND accepted_at IS NULL",
                new { id = invitation.Id, now = time.GetUtcNow() });
            if (spent == 0)
                return Outcome.NotFound;

            // Someone deactivated earlier and invited back keeps their record (and its history), with the new role and password.
            var existing = await StaffAccounts.FindAsync(db, invitation.Email);
            if (existing is null)
            {
                await staff.CreateAsync(db, invitation.Email, invitation.Name, invitation.Role, command.Password);
            }
            else
            {
                await db.ExecuteAsync(
                    "UPDATE accounts_staff SET name = @name, role = @role, password_hash = @hash, active = TRUE WHERE tenant_id = @tenant_id AND id = @id",
                    new { id = existing.Id, name = invitation.Name, role = invitation.Role, hash = Hasher.HashPassword(existing, command.Password!) });
            }

            var account = await StaffAccounts.FindAsync(db, invitation.Email);
            change.Audit(new AuditEntry(AuditAction)
            {
                RecordId = invitation.Id,
                Actor = new AuditActor(account!.Id, account.Name),
            });
            return account;
        }
    }

    private static Task<StoredInvitation?> StoredAsync(DbSession db, string token, TimeProvider time) =>
        db.QuerySingleOrDefaultAsync<StoredInvitation>(
            """
            SELECT id AS Id, email AS Email, name AS Name, role AS Role
            FROM accounts_invitations
            WHERE tenant_id = @tenant_id AND token_hash = @hash AND accepted_at IS NULL AND expires_at > @now
            """,
            new { hash = SecretToken.Hash(token), now = time.GetUtcNow() });
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.InviteStaff;

/// <summary>
/// The owner invites someone by email: a single-use link, stored hashed, valid for 72 hours, announced as
/// <see cref="StaffInvited"/> through the outbox in the same transaction. Inviting a pending email again replaces the old link.
/// </summary>
internal static class InviteStaff
{
    public const string AuditAction = "staff.invited";
    public const string AlreadyStaff = "This email already belongs to an active member of staff.";
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(72);

    internal sealed class Request
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Role { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter their name.")
                .SingleLine("Name", 120);
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter their email address.")
                .SingleLine("Email", 254)
                .EmailAddress().WithMessage("Enter a valid email address.");
            RuleFor(r => r.Role).Must(role => role is not null && Roles.Staff.Contains(role, StringComparer.Ordinal))
                .WithMessage("Choose Reception, Clinician or Owner.");
        }
    }

    /// <summary>The invitation made, or null when the email already belongs to an active member.</summary>
    internal sealed record Response(Guid InvitationId, string AcceptUrl);

    internal sealed class Handler(TenantDb tenantDb, TimeProvider time, IAuditTrail audit, SecretSeal seal)
    {
        /// <param name="publicAddress">Where the clinic is reached, e.g. "https://a.clinic.example".</param>
        public async Task<Response?> HandleAsync(Request request, Guid? invitedBy, string publicAddress, CancellationToken ct)
        {
            var email = StaffAccounts.Normalize(request.Email!);
            await using var db = await tenantDb.BeginAsync(ct);
            var active = await db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email AND active = TRUE",
                new { email });
            if (active > 0)
                return null;

            await db.ExecuteAsync(
                "DELETE FROM accounts_invitations WHERE tenant_id = @tenant_id AND email = @email AND accepted_at IS NULL",
                new { email });
            var id = Guid.CreateVersion7();
            var token = SecretToken.Create();
            var now = time.GetUtcNow();
            var expires = now + ValidFor;
            await db.ExecuteAsync(
                """
                INSERT INTO accounts_invitations (id, tenant_id, email, name, role, token_hash, invited_by, created_at, expires_at)
                VALUES (@id, @tenant_id, @email, @name, @role, @hash, @invitedBy, @now, @expires)
                """,
                new { id, email, name = request.Name!.Trim(), role = request.Role, hash = SecretToken.Hash(token), invitedBy, now, expires });
            var url = $"{publicAddress}/invite/{token}";
            await db.PublishAsync(new StaffInvited(id, email, request.Name!.Trim(), request.Role!, seal.Seal(url), expires));
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = id });
            await db.CommitAsync();
            return new Response(id, url);
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
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

        /// <summary>The signed-in owner, never from the form.</summary>
        public Guid? InvitedBy { get; set; }

        /// <summary>Where the clinic is reached, e.g. "https://a.clinic.example": the page's address, never from the form.</summary>
        public string PublicAddress { get; set; } = "";
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

    /// <summary>The invitation made, and its link, which only the operator console shows (to the new clinic's owner).</summary>
    internal sealed record Response(Guid InvitationId, string AcceptUrl);

    /// <summary>Makes the invitation; refuses an email that already belongs to an active member.</summary>
    internal sealed class Handler(TimeProvider time, SecretSeal seal) : ICommandHandler<Request, Response>
    {
        public async Task<Outcome<Response>> HandleAsync(Request command, Change change)
        {
            var email = StaffAccounts.Normalize(command.Email!);
            var active = await change.Db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email AND active = TRUE",
                new { email });
            if (active > 0)
                return Outcome.Invalid(nameof(Request.Email), AlreadyStaff);

            await change.Db.ExecuteAsync(
                "DELETE FROM accounts_invitations WHERE tenant_id = @tenant_id AND email = @email AND accepted_at IS NULL",
                new { email });
            var id = Guid.CreateVersion7();
            var token = SecretToken.Create();
            var now = time.GetUtcNow();
            var expires = now + ValidFor;
            await change.Db.ExecuteAsync(
                """
                INSERT INTO accounts_invitations (id, tenant_id, email, name, role, token_hash, invited_by, created_at, expires_at)
                VALUES (@id, @tenant_id, @email, @name, @role, @hash, @invitedBy, @now, @expires)
                """,
                new { id, email, name = command.Name!.Trim(), role = command.Role, hash = SecretToken.Hash(token), invitedBy = command.InvitedBy, now, expires });
            var url = $"{command.PublicAddress}/invite/{token}";
            change.Publish(new StaffInvited(id, email, command.Name!.Trim(), command.Role!, seal.Seal(url), expires));
            change.Audit(new AuditEntry(AuditAction) { RecordId = id });
            return new Response(id, url);
        }
    }
}

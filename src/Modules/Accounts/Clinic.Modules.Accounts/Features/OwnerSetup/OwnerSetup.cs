using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Passwords;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.OwnerSetup;

/// <summary>Turns a valid setup link into the clinic's owner account. The link works once.</summary>
internal static class OwnerSetup
{
    public const int MinimumPasswordLength = PasswordPolicy.MinimumLength;

    internal sealed class Request
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        /// <summary>From the link, never from the form.</summary>
        public string Token { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter your name.").SingleLine("Name", 120);
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.")
                .SingleLine("Email", 254).EmailAddress().WithMessage("Enter a valid email address.");
            RuleFor(r => r.Password).Secret("Password", PasswordPolicy.MaximumLength).Custom((password, context) =>
            {
                if (PasswordPolicy.Problem(password, context.InstanceToValidate.Email) is { } problem)
                    context.AddFailure(problem);
            });
        }
    }

    internal sealed class Form(TenantDb tenantDb, TimeProvider time)
    {
        public async Task<bool> IsValidAsync(string token, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM accounts_setup_tokens WHERE token_hash = @hash AND tenant_id = @tenant_id AND used_at IS NULL AND expires_at > @now",
                new { hash = SecretToken.Hash(token), now = time.GetUtcNow() }) > 0;
        }
    }

    /// <summary>Creates the owner and spends the token; not found when the link is used, expired or unknown.</summary>
    internal sealed class Handler(StaffAccounts staff, TimeProvider time) : ICommandHandler<Request, StaffAccount>
    {
        public async Task<Outcome<StaffAccount>> HandleAsync(Request command, Change change)
        {
            var spent = await change.Db.ExecuteAsync(
                """
                UPDATE accounts_setup_tokens SET used_at = @now
                WHERE token_hash = @hash AND tenant_id = @tenant_id AND used_at IS NULL AND expires_at > @now
                """,
                new { hash = SecretToken.Hash(command.Token), now = time.GetUtcNow() });
            if (spent == 0)
                return Outcome.NotFound;

            await staff.CreateAsync(change.Db, command.Email!, command.Name!.Trim(), Roles.Owner, command.Password);
            return (await StaffAccounts.FindAsync(change.Db, command.Email!))!;
        }
    }
}

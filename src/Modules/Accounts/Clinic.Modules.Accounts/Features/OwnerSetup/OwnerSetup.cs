using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
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

    internal sealed class Handler(TenantDb tenantDb, StaffAccounts staff, TimeProvider time)
    {
        public async Task<bool> IsValidAsync(string token, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await FindAsync(db, token) > 0;
        }

        /// <summary>Creates the owner and spends the token, or returns null when the link is used, expired or unknown.</summary>
        public async Task<StaffAccount?> HandleAsync(string token, Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var spent = await db.ExecuteAsync(
                """
                UPDATE accounts_setup_tokens SET used_at = @now
                WHERE token_hash = @hash AND tenant_id = @tenant_id AND used_at IS NULL AND expires_at > @now
                """,
                new { hash = SecretToken.Hash(token), now = time.GetUtcNow() });
            if (spent == 0)
                return null;

            await staff.CreateAsync(db, request.Email!, request.Name!.Trim(), Roles.Owner, request.Password);
            var owner = await StaffAccounts.FindAsync(db, request.Email!);
            await db.CommitAsync();
            return owner;
        }

        private Task<long> FindAsync(BuildingBlocks.Data.DbSession db, string token) =>
            db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM accounts_setup_tokens WHERE token_hash = @hash AND tenant_id = @tenant_id AND used_at IS NULL AND expires_at > @now",
                new { hash = SecretToken.Hash(token), now = time.GetUtcNow() });
    }
}

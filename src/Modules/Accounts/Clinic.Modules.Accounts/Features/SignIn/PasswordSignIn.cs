using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Staff;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.SignIn;

/// <summary>Staff sign-in with email and password. The answer never says which of the two was wrong.</summary>
internal static class PasswordSignIn
{
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

    internal sealed class Handler(TenantDb tenantDb)
    {
        public async Task<StaffAccount?> HandleAsync(Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var account = await StaffAccounts.FindAsync(db, request.Email!);
            return account is { Active: true } && StaffAccounts.PasswordMatches(account, request.Password!) ? account : null;
        }
    }
}

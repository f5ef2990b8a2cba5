using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.TwoFactor;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.TwoFactor;

/// <summary>
/// A staff member with two-factor on replaces their ten recovery codes (after using some, or fearing they leaked),
/// proving it is them with their password; the old codes, used or not, stop working in the same transaction.
/// </summary>
internal static class RegenerateRecoveryCodes
{
    public const string AuditAction = "twofactor.recovery_codes_regenerated";
    public const string PasswordRequired = "Type your current password.";
    public const string NotEnabled = "Two-factor sign-in is off, so there are no recovery codes to replace.";

    internal sealed class Request
    {
        public string? CurrentPassword { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage(PasswordRequired);
    }

    internal enum Outcome
    {
        Regenerated,
        WrongPassword,
        NotEnabled,
    }

    internal sealed class Handler(TenantDb tenantDb, IAuditTrail audit)
    {
        public async Task<long> UnusedAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await TwoFactorKeys.UnusedRecoveryCodesAsync(db, staffId);
        }

        /// <summary>The new codes, shown once, or why there are none; a wrong password is audited and changes nothing.</summary>
        public async Task<(Outcome Outcome, IReadOnlyList<string> Codes)> HandleAsync(Guid staffId, Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var account = await StaffAccounts.FindAsync(db, staffId);
            if (account is not { Active: true } || !StaffAccounts.PasswordMatches(account, request.CurrentPassword ?? ""))
            {
                await audit.RecordAsync(db, new AuditEntry(AuditAction, AuditOutcome.Failure) { RecordId = staffId });
                await db.CommitAsync();
                return (Outcome.WrongPassword, []);
            }

            if (!await TwoFactorKeys.IsEnabledAsync(db, staffId))
                return (Outcome.NotEnabled, []);

            var codes = await TwoFactorKeys.ReplaceRecoveryCodesAsync(db, staffId);
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { RecordId = staffId });
            await db.CommitAsync();
            return (Outcome.Regenerated, codes);
        }
    }
}

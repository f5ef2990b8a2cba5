using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
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

        /// <summary>The signed-in member, never from the form.</summary>
        public Guid StaffId { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage(PasswordRequired);
    }

    internal sealed class Form(TenantDb tenantDb)
    {
        public async Task<long> UnusedAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await TwoFactorKeys.UnusedRecoveryCodesAsync(db, staffId);
        }
    }

    /// <summary>The new codes, shown once, or why there are none; a wrong password is audited and changes nothing.</summary>
    internal sealed class Handler : ICommandHandler<Request, string[]>
    {
        public async Task<Outcome<string[]>> HandleAsync(Request command, Change change)
        {
            var account = await StaffAccounts.FindAsync(change.Db, command.StaffId);
            if (account is not { Active: true } || !StaffAccounts.PasswordMatches(account, command.CurrentPassword ?? ""))
            {
                change.Audit(new AuditEntry(AuditAction, AuditOutcome.Failure) { RecordId = command.StaffId });
                return Outcome.Invalid(nameof(Request.CurrentPassword), TwoFactorSetup.WrongPassword).Recorded();
            }

            if (!await TwoFactorKeys.IsEnabledAsync(change.Db, command.StaffId))
                return Outcome.Invalid("", NotEnabled);

            var codes = await TwoFactorKeys.ReplaceRecoveryCodesAsync(change.Db, command.StaffId);
            change.Audit(new AuditEntry(AuditAction) { RecordId = command.StaffId });
            return codes.ToArray();
        }
    }
}

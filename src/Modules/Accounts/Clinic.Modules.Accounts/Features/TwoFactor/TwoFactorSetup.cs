using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.TwoFactor;
using Microsoft.AspNetCore.DataProtection;
using QRCoder;

namespace Clinic.Modules.Accounts.Features.TwoFactor;

/// <summary>
/// A staff member turns two-factor sign-in on (scan a key, prove it with one code, keep ten recovery codes) or off
/// (with their password again); the Owner decides whether everyone must.
/// </summary>
internal static class TwoFactorSetup
{
    public const string Permission = "security.manage";

    /// <summary>Setting up one's own two-factor sign-in: every staff member, and a session that may do nothing else.</summary>
    public const string OwnPermission = "account.two-factor";
    public const string EnabledAction = "twofactor.enabled";
    public const string DisabledAction = "twofactor.disabled";
    public const string RequirementAction = "twofactor.requirement_changed";
    public const string WrongCode = "That code is not right. Type the six digits your app shows now.";
    public const string WrongPassword = "That is not your current password.";
    public const string EnrolledReason = "two-factor enabled";
    private const string Issuer = "Clinic";

    // The key waits in the form, encrypted and bound to the staff member, until a code proves the app has it.
    private static readonly TimeSpan EnrolmentLifetime = TimeSpan.FromMinutes(15);

    /// <summary>What the enrolment form shows: the key as a QR code and as text, and the encrypted key it posts back.</summary>
    internal sealed record Enrolment(string PendingKey, string GroupedKey, string QrCode);

    internal sealed class EnableRequest
    {
        public string? PendingKey { get; set; }

        public string? Code { get; set; }

        /// <summary>The signed-in member, never from the form.</summary>
        public Guid StaffId { get; set; }

        /// <summary>The enrol-only session to end with the change, set by the page; never from the form.</summary>
        public Guid? EnrolmentSession { get; set; }
    }

    internal sealed class DisableRequest
    {
        public string? Password { get; set; }

        /// <summary>The signed-in member, never from the form.</summary>
        public Guid StaffId { get; set; }
    }

    internal sealed class RequireRequest
    {
        public bool Required { get; set; }
    }

    /// <summary>What the page shows: whether two-factor is on, whether the clinic requires it, and a key to enrol with.</summary>
    internal sealed class Form(TenantDb tenantDb, IDataProtectionProvider protection)
    {
        private readonly ITimeLimitedDataProtector _pending =
            protection.CreateProtector("Clinic.Accounts.TwoFactor.Enrolment").ToTimeLimitedDataProtector();

        public async Task<(bool Enabled, bool Required)> StatusAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return (await TwoFactorKeys.IsEnabledAsync(db, staffId), await TwoFactorKeys.IsRequiredAsync(db));
        }

        /// <summary>A new key, or the one already in the form when a wrong code sent it back, so the app need not rescan.</summary>
        public Enrolment Start(Guid staffId, string email, string? pendingKey)
        {
            var key = KeyFrom(staffId, pendingKey) ?? Totp.NewKey();
            var protectedKey = _pending.Protect($"{staffId}|{Convert.ToBase64String(key)}", EnrolmentLifetime);
            return new Enrolment(protectedKey, Base32.Grouped(Base32.Encode(key)), QrCode(Totp.Uri(Issuer, email, key)));
        }

        public async Task<StaffAccount?> AccountAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await StaffAccounts.FindAsync(db, staffId);
        }

        /// <summary>The key in the form, if it is this member's and still fresh.</summary>
        public byte[]? KeyFrom(Guid staffId, string? pendingKey)
        {
            if (string.IsNullOrEmpty(pendingKey))
                return null;
            try
            {
                var parts = _pending.Unprotect(pendingKey).Split('|');
                return parts is [var staff, var key] && staff == staffId.ToString() ? Convert.FromBase64String(key) : null;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return null;
            }
        }
    }

    /// <summary>The recovery codes when the code proves the key; refused, and nothing stored, when it does not.</summary>
    internal sealed class EnableHandler(Form form, TwoFactorKeys keys, StaffSessions sessions, TimeProvider time) : ICommandHandler<EnableRequest, string[]>
    {
        public async Task<Outcome<string[]>> HandleAsync(EnableRequest command, Change change)
        {
            if (form.KeyFrom(command.StaffId, command.PendingKey) is not { } key || Totp.Verify(key, command.Code, time.GetUtcNow(), null) is not { } step)
                return Outcome.Invalid(nameof(EnableRequest.Code), WrongCode);

            var codes = await keys.EnableAsync(change.Db, command.StaffId, key, step);
            change.Audit(new AuditEntry(EnabledAction) { RecordId = command.StaffId });
            // A member signed in only to enrol gets their full session next, and the enrol-only one ends with this change.
            if (command.EnrolmentSession is { } session)
                await sessions.EndAsync(change, session, EnrolledReason);
            return codes.ToArray();
        }
    }

    /// <summary>Refused when the password is wrong; then two-factor stays on and the attempt is audited.</summary>
    internal sealed class DisableHandler : ICommandHandler<DisableRequest, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(DisableRequest command, Change change)
        {
            var account = await StaffAccounts.FindAsync(change.Db, command.StaffId);
            if (account is not { Active: true } || !StaffAccounts.PasswordMatches(account, command.Password ?? ""))
            {
                change.Audit(new AuditEntry(DisabledAction, AuditOutcome.Failure) { RecordId = command.StaffId });
                return Outcome.Invalid(nameof(DisableRequest.Password), WrongPassword).Recorded();
            }

            await TwoFactorKeys.DeleteAsync(change.Db, command.StaffId);
            change.Audit(new AuditEntry(DisabledAction) { RecordId = command.StaffId });
            return command.StaffId;
        }
    }

    internal sealed class RequireHandler : ICommandHandler<RequireRequest, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(RequireRequest command, Change change)
        {
            await TwoFactorKeys.SetRequiredAsync(change.Db, command.Required);
            change.Audit(new AuditEntry(RequirementAction));
            return command.Required;
        }
    }

    // A PNG data URI: the content security policy allows data: images, and unlike QRCoder's SVG it carries no inline style.
    private static string QrCode(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }
}

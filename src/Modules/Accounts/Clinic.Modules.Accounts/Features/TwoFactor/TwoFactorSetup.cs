using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
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
    }

    internal sealed class DisableRequest
    {
        public string? Password { get; set; }
    }

    internal sealed class RequireRequest
    {
        public bool Required { get; set; }
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions, TwoFactorKeys keys, IAuditTrail audit, IDataProtectionProvider protection, TimeProvider time)
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

        /// <summary>The recovery codes when the code proves the key; null, and nothing stored, when it does not.</summary>
        public async Task<IReadOnlyList<string>?> EnableAsync(Guid staffId, EnableRequest request, CancellationToken ct)
        {
            if (KeyFrom(staffId, request.PendingKey) is not { } key || Totp.Verify(key, request.Code, time.GetUtcNow(), null) is not { } step)
                return null;

            await using var db = await tenantDb.BeginAsync(ct);
            var codes = await keys.EnableAsync(db, staffId, key, step);
            await audit.RecordAsync(db, new AuditEntry(EnabledAction) { RecordId = staffId });
            await db.CommitAsync();
            return codes;
        }

        /// <summary>False when the password is wrong; then two-factor stays on and the attempt is audited.</summary>
        public async Task<bool> DisableAsync(Guid staffId, DisableRequest request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var account = await StaffAccounts.FindAsync(db, staffId);
            if (account is not { Active: true } || !StaffAccounts.PasswordMatches(account, request.Password ?? ""))
            {
                await audit.RecordAsync(db, new AuditEntry(DisabledAction, AuditOutcome.Failure) { RecordId = staffId });
                await db.CommitAsync();
                return false;
            }

            await TwoFactorKeys.DeleteAsync(db, staffId);
            await audit.RecordAsync(db, new AuditEntry(DisabledAction) { RecordId = staffId });
            await db.CommitAsync();
            return true;
        }

        public async Task SetRequiredAsync(bool required, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            await TwoFactorKeys.SetRequiredAsync(db, required);
            await audit.RecordAsync(db, new AuditEntry(RequirementAction));
            await db.CommitAsync();
        }

        public async Task EndSessionAsync(Guid session, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            await sessions.EndAsync(db, session, EnrolledReason);
            await db.CommitAsync();
        }

        public async Task<StaffAccount?> AccountAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await StaffAccounts.FindAsync(db, staffId);
        }

        private byte[]? KeyFrom(Guid staffId, string? pendingKey)
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

    // A PNG data URI: the content security policy allows data: images, and unlike QRCoder's SVG it carries no inline style.
    private static string QrCode(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }
}

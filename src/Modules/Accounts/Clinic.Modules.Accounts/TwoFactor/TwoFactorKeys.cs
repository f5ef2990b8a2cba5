using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Clinic.Modules.Accounts.TwoFactor;

/// <summary>How a second factor was accepted.</summary>
internal enum SecondFactor
{
    None,
    Code,
    RecoveryCode,
}

/// <summary>
/// The staff members' authenticator keys (encrypted with Data Protection), their recovery codes (hashed), and whether
/// the clinic requires two-factor sign-in, all within the transaction's clinic.
/// </summary>
internal sealed class TwoFactorKeys(IDataProtectionProvider protection, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    private readonly IDataProtector _stored = protection.CreateProtector("Clinic.Accounts.TwoFactor.Key");

    public static Task<bool> IsEnabledAsync(DbSession db, Guid staffId) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM accounts_two_factor WHERE tenant_id = @tenant_id AND staff_id = @staffId)",
            new { staffId });

    /// <summary>Stores the key, marking <paramref name="usedStep"/> as used, and returns new recovery codes to show once.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(DbSession db, Guid staffId, byte[] key, long usedStep)
    {
        await DeleteAsync(db, staffId);
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_two_factor (tenant_id, staff_id, secret, enabled_at, last_used_step)
            VALUES (@tenant_id, @staffId, @secret, @now, @usedStep)
            """,
            new { staffId, secret = _stored.Protect(Convert.ToBase64String(key)), now = time.GetUtcNow(), usedStep });
        return await ReplaceRecoveryCodesAsync(db, staffId);
    }

    /// <summary>Deletes every recovery code of the staff member, used or not, and returns new ones to show once.</summary>
    public static async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(DbSession db, Guid staffId)
    {
        await db.ExecuteAsync("DELETE FROM accounts_recovery_codes WHERE tenant_id = @tenant_id AND staff_id = @staffId", new { staffId });
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        foreach (var code in codes)
        {
            await db.ExecuteAsync(
                "INSERT INTO accounts_recovery_codes (id, tenant_id, staff_id, code_hash) VALUES (@id, @tenant_id, @staffId, @hash)",
                new { id = Guid.CreateVersion7(), staffId, hash = Hash(code) });
        }

        return codes;
    }

    public static Task<long> UnusedRecoveryCodesAsync(DbSession db, Guid staffId) =>
        db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_recovery_codes WHERE tenant_id = @tenant_id AND staff_id = @staffId AND used_at IS NULL",
            new { staffId });

    public static async Task DeleteAsync(DbSession db, Guid staffId)
    {
        await db.ExecuteAsync("DELETE FROM accounts_recovery_codes WHERE tenant_id = @tenant_id AND staff_id = @staffId", new { staffId });
        await db.ExecuteAsync("DELETE FROM accounts_two_factor WHERE tenant_id = @tenant_id AND staff_id = @staffId", new { staffId });
    }

    /// <summary>
    /// Checks a code from the authenticator, then a recovery code. Either is spent by a conditional update, so two
    /// requests racing with the same code cannot both succeed.
    /// </summary>
    public async Task<SecondFactor> VerifyAsync(DbSession db, Guid staffId, string? typed)
    {
        var stored = await db.QuerySingleOrDefaultAsync<StoredKey>(
            "SELECT secret AS Secret, last_used_step AS LastUsedStep FROM accounts_two_factor WHERE tenant_id = @tenant_id AND staff_id = @staffId",
            new { staffId });
        if (stored is null || string.IsNullOrWhiteSpace(typed))
            return SecondFactor.None;

        if (Totp.Verify(KeyOf(stored), typed, time.GetUtcNow(), stored.LastUsedStep) is { } step)
        {
            var spent = await db.ExecuteAsync(
                """
                UPDATE accounts_two_factor SET last_used_step = @step
                WHERE tenant_id = @tenant_id AND staff_id = @staffId AND (last_used_step IS NULL OR last_used_step < @step)
                """,
                new { staffId, step });
            return spent == 1 ? SecondFactor.Code : SecondFactor.None;
        }

        var used = await db.ExecuteAsync(
            """
            UPDATE accounts_recovery_codes SET used_at = @now
            WHERE tenant_id = @tenant_id AND staff_id = @staffId AND code_hash = @hash AND used_at IS NULL
            """,
            new { staffId, hash = Hash(typed), now = time.GetUtcNow() });
        return used > 0 ? SecondFactor.RecoveryCode : SecondFactor.None;
    }

    /// <summary>The staff member's key in clear, for tests and for nothing else that leaves this class.</summary>
    public async Task<byte[]?> KeyAsync(DbSession db, Guid staffId)
    {
        var stored = await db.QuerySingleOrDefaultAsync<StoredKey>(
            "SELECT secret AS Secret, last_used_step AS LastUsedStep FROM accounts_two_factor WHERE tenant_id = @tenant_id AND staff_id = @staffId",
            new { staffId });
        return stored is null ? null : KeyOf(stored);
    }

    public static Task<bool> IsRequiredAsync(DbSession db) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM accounts_clinic_settings WHERE tenant_id = @tenant_id AND require_two_factor = @yes)",
            new { yes = true });

    public static Task SetRequiredAsync(DbSession db, bool required) =>
        db.ExecuteAsync(
            """
            INSERT INTO accounts_clinic_settings (tenant_id, require_two_factor) VALUES (@tenant_id, @required)
            ON CONFLICT (tenant_id) DO UPDATE SET require_two_factor = excluded.require_two_factor
            """,
            new { required });

    /// <summary>Recovery codes as people read them: letters and digits that cannot be mistaken for each other, with a dash.</summary>
    public static string Normalize(string code) =>
        new([.. code.Where(c => c is not (' ' or '-')).Select(char.ToLowerInvariant)]);

    private byte[] KeyOf(StoredKey stored) => Convert.FromBase64String(_stored.Unprotect(stored.Secret));

    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    private static string NewRecoveryCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        // Sixteen characters, about 79 bits: enough that a fast hash of one is no shortcut to guessing it.
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', chars.Chunk(4).Select(group => new string(group)));
    }

    private sealed class StoredKey
    {
        public string Secret { get; init; } = "";

        public long? LastUsedStep { get; init; }
    }
}

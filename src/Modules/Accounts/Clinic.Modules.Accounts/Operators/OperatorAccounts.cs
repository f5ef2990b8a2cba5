using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Modules.Accounts.Operators;

/// <summary>An operator's sign-in record as stored; the hash is ASP.NET Core Identity's PBKDF2 format.</summary>
internal sealed class OperatorAccount
{
    public Guid Id { get; init; }

    public string Email { get; init; } = "";

    public string PasswordHash { get; init; } = "";
}

/// <summary>
/// The platform's operators. They belong to no clinic, so every statement runs in a transaction without a tenant
/// and reads only platform tables.
/// </summary>
internal sealed class OperatorAccounts(ClinicDatabase database, AccountLockout lockout, TimeProvider time)
{
    private static readonly PasswordHasher<OperatorAccount> Hasher = new();

    // Checked when the email belongs to no operator, so an unknown email costs the same time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    /// <summary>Creates the operator unless one with this email exists; an existing operator's password is left alone.</summary>
    public async Task<bool> CreateIfMissingAsync(string email, string password, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: true, ct);
        var created = await db.ExecuteAsync(
            """
            INSERT INTO accounts_operators (id, email, password_hash, created_at) VALUES (@id, @email, @hash, @now)
            ON CONFLICT (email) DO NOTHING
            """,
            new { id = Guid.CreateVersion7(), email = StaffAccounts.Normalize(email), hash = Hasher.HashPassword(null!, password), now = time.GetUtcNow() });
        await db.CommitAsync();
        return created > 0;
    }

    /// <summary>
    /// The operator these credentials belong to, or null, without saying which of the two was wrong or that the email
    /// is locked out: operators lock out under the same rule as staff, counted in their own platform table.
    /// </summary>
    public async Task<OperatorAccount?> CheckAsync(string email, string password, string? ip, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var emailHash = AccountLockout.EmailHash(email);
        await using var db = await database.BeginAsync(tenantId: null, write: true, ct);
        var account = await db.QuerySingleOrDefaultAsync<OperatorAccount>(
            "SELECT id AS Id, email AS Email, password_hash AS PasswordHash FROM accounts_operators WHERE email = @email",
            new { email = StaffAccounts.Normalize(email) });
        var attempts = await db.QueryAsync<SignInAttempt>(
            """
            SELECT succeeded AS Succeeded, attempted_at AS AttemptedAt FROM accounts_operator_sign_in_attempts
            WHERE email_hash = @emailHash AND attempted_at > @since ORDER BY attempted_at, id
            """,
            new { emailHash, since = lockout.RelevantSince(now) });
        var locked = lockout.IsLocked(attempts, now);
        var verified = Hasher.VerifyHashedPassword(null!, account?.PasswordHash ?? DecoyHash, password) != PasswordVerificationResult.Failed
            && account is not null && !locked;
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_operator_sign_in_attempts (id, email_hash, succeeded, attempted_at, ip)
            VALUES (@id, @emailHash, @verified, @now, @ip)
            """,
            new { id = Guid.CreateVersion7(), emailHash, verified, now, ip });
        await db.CommitAsync();
        return verified ? account : null;
    }
}

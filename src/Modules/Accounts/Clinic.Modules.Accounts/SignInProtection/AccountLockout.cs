using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Staff;

namespace Clinic.Modules.Accounts.SignInProtection;

/// <summary>
/// Counts failed sign-ins per email address, known or not, so a locked account and an unknown one look alike. The
/// attempts are keyed by a hash of the email: the table answers "how often", never "who typed what".
/// </summary>
internal sealed class AccountLockout(SignInSettings settings)
{
    public const string LockedOut = "signin.lockout";

    public static string EmailHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StaffAccounts.Normalize(email))));

    public async Task<bool> IsLockedAsync(DbSession db, string emailHash, DateTimeOffset now) =>
        IsLocked(await RecentAttemptsAsync(db, emailHash, now), now);

    /// <summary>Attempts older than this cannot affect a lock now.</summary>
    public DateTimeOffset RelevantSince(DateTimeOffset now) => now - settings.FailureWindow - settings.LockoutDuration;

    /// <summary>Whether these attempts, oldest first, leave the account locked at <paramref name="now"/>.</summary>
    public bool IsLocked(IReadOnlyList<SignInAttempt> attempts, DateTimeOffset now) => LockedUntil(attempts) > now;

    /// <summary>Counts an attempt, in the transaction that decides it.</summary>
    public static Task CountAsync(DbSession db, string emailHash, bool succeeded, string? ip, DateTimeOffset now) =>
        db.ExecuteAsync(
            """
            INSERT INTO accounts_sign_in_attempts (id, tenant_id, email_hash, succeeded, attempted_at, ip)
            VALUES (@id, @tenant_id, @emailHash, @succeeded, @now, @ip)
            """,
            new { id = Guid.CreateVersion7(), emailHash, succeeded, now, ip });

    // Replays the attempts: a run of failures inside the window starts a lock; failures during a lock neither extend
    // it nor count towards the next one, and a success clears the run.
    private DateTimeOffset? LockedUntil(IReadOnlyList<SignInAttempt> attempts)
    {
        DateTimeOffset? lockedUntil = null;
        var failures = new Queue<DateTimeOffset>();
        foreach (var attempt in attempts)
        {
            if (lockedUntil > attempt.AttemptedAt)
                continue;
            if (attempt.Succeeded)
            {
                failures.Clear();
                continue;
            }

            failures.Enqueue(attempt.AttemptedAt);
            while (attempt.AttemptedAt - failures.Peek() >= settings.FailureWindow)
                failures.Dequeue();
            if (failures.Count >= settings.MaxFailedAttempts)
            {
                lockedUntil = attempt.AttemptedAt + settings.LockoutDuration;
                failures.Clear();
            }
        }

        return lockedUntil;
    }

    private Task<IReadOnlyList<SignInAttempt>> RecentAttemptsAsync(DbSession db, string emailHash, DateTimeOffset now) =>
        db.QueryAsync<SignInAttempt>(
            """
            SELECT succeeded AS Succeeded, attempted_at AS AttemptedAt
            FROM accounts_sign_in_attempts
            WHERE tenant_id = @tenant_id AND email_hash = @emailHash AND attempted_at > @since
            ORDER BY attempted_at, id
            """,
            new { emailHash, since = RelevantSince(now) });
}

/// <summary>One sign-in attempt, as lockout replays them.</summary>
internal sealed class SignInAttempt
{
    public bool Succeeded { get; init; }

    public DateTimeOffset AttemptedAt { get; init; }
}

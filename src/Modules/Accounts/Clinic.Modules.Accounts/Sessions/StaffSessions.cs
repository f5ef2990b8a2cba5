using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>A staff session as stored, with whether its staff member is still active.</summary>
internal sealed class StoredSession
{
    public Guid Id { get; init; }

    public Guid StaffId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? Ip { get; init; }

    public string? Device { get; init; }

    public bool StaffActive { get; init; }
}

/// <summary>Starts, checks and ends staff sessions within the transaction's clinic.</summary>
internal sealed class StaffSessions(SessionSettings settings, TimeProvider time, IAuditTrail audit)
{
    public const string EndedAction = "session.ended";
    public const string SignedOut = "signed out";
    public const string EndedByUser = "ended by user";
    public const string PasswordChanged = "password changed";
    public const string IdleTimedOut = "idle timeout";
    public const string LifetimeReached = "absolute limit";
    public const string StaffInactive = "staff deactivated";

    private const string Columns =
        """
        s.id AS Id, s.staff_id AS StaffId, s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt,
        s.ended_at AS EndedAt, s.ip AS Ip, s.device AS Device, st.active AS StaffActive
        """;

    public SessionSettings Settings => settings;

    public async Task<Guid> StartAsync(DbSession db, Guid staffId, string? ip, string? device)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_sessions (id, tenant_id, staff_id, created_at, last_seen_at, expires_at, ip, device)
            VALUES (@id, @tenant_id, @staffId, @now, @now, @expires, @ip, @device)
            """,
            new { id, staffId, now, expires = now + settings.AbsoluteLifetime, ip, device });
        return id;
    }

    public static Task<StoredSession?> FindAsync(DbSession db, Guid id) =>
        db.QuerySingleOrDefaultAsync<StoredSession>(
            $"""
            SELECT {Columns}
            FROM accounts_sessions s JOIN accounts_staff st ON st.id = s.staff_id AND st.tenant_id = s.tenant_id
            WHERE s.tenant_id = @tenant_id AND s.id = @id
            """,
            new { id });

    /// <summary>The staff member's sessions that are still usable, newest first.</summary>
    public async Task<IReadOnlyList<StoredSession>> ActiveAsync(DbSession db, Guid staffId)
    {
        var sessions = await db.QueryAsync<StoredSession>(
            $"""
            SELECT {Columns}
            FROM accounts_sessions s JOIN accounts_staff st ON st.id = s.staff_id AND st.tenant_id = s.tenant_id
            WHERE s.tenant_id = @tenant_id AND s.staff_id = @staffId AND s.ended_at IS NULL
            ORDER BY s.last_seen_at DESC
            """,
            new { staffId });
        return [.. sessions.Where(s => WhyEnded(s) is null)];
    }

    /// <summary>Null while the session may be used; otherwise the reason it no longer may.</summary>
    public string? WhyEnded(StoredSession session)
    {
        var now = time.GetUtcNow();
        if (session.EndedAt is not null)
            return "ended";
        if (!session.StaffActive)
            return StaffInactive;
        if (now >= session.ExpiresAt)
            return LifetimeReached;
        return now - session.LastSeenAt >= settings.IdleTimeout ? IdleTimedOut : null;
    }

    public bool IsDueForTouch(StoredSession session) => time.GetUtcNow() - session.LastSeenAt >= SessionSettings.TouchInterval;

    public Task TouchAsync(DbSession db, Guid id) =>
        db.ExecuteAsync(
            "UPDATE accounts_sessions SET last_seen_at = @now WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
            new { id, now = time.GetUtcNow() });

    /// <summary>Ends one session, once: a session already ended keeps its first reason and records nothing.</summary>
    public async Task<bool> EndAsync(DbSession db, Guid id, string reason, AuditActor? actor = null)
    {
        var ended = await db.ExecuteAsync(
            "UPDATE accounts_sessions SET ended_at = @now, ended_reason = @reason WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
            new { id, reason, now = time.GetUtcNow() });
        if (ended > 0 && reason != SignedOut)
            await audit.RecordAsync(db, new AuditEntry(EndedAction) { RecordId = id, Actor = actor });
        return ended > 0;
    }

    /// <summary>Ends every session of the staff member but <paramref name="keep"/>.</summary>
    public async Task EndOthersAsync(DbSession db, Guid staffId, Guid keep, string reason)
    {
        var others = await db.QueryAsync<Guid>(
            "SELECT id FROM accounts_sessions WHERE tenant_id = @tenant_id AND staff_id = @staffId AND id <> @keep AND ended_at IS NULL",
            new { staffId, keep });
        foreach (var other in others)
            await EndAsync(db, other, reason);
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>A session as stored, with whether the person holding it may still sign in.</summary>
internal sealed class StoredSession
{
    public Guid Id { get; init; }

    /// <summary>The staff member or client account the session belongs to.</summary>
    public Guid HolderId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    public string? Ip { get; init; }

    public string? Device { get; init; }

    public bool HolderActive { get; init; }
}

/// <summary>
/// Starts, checks and ends server-side sessions within the transaction's clinic. Staff and clients keep theirs in
/// separate tables, so neither kind of cookie can ever name the other kind of session.
/// </summary>
internal abstract class SessionStore(SessionSettings settings, TimeProvider time)
{
    public const string EndedAction = "session.ended";
    public const string SignedOut = "signed out";
    public const string EndedByUser = "ended by user";

    /// <summary>
    /// The kind's SQL, written out in full so the architecture test can read which tables it touches. Every statement
    /// binds @tenant_id; <see cref="Sql.Select"/> ends in its FROM clause, aliasing the session table as s.
    /// </summary>
    protected sealed record Sql(string Select, string Holder, string Insert, string Touch, string Confirm, string End, string Live);

    protected abstract Sql Statements { get; }

    /// <summary>Why a session of a holder no longer active has ended.</summary>
    protected abstract string HolderInactive { get; }

    public SessionSettings Settings => settings;

    /// <summary>Starts a session; signing in counts as having just proved who one is.</summary>
    public async Task<Guid> StartAsync(DbSession db, Guid holderId, string? ip, string? device)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await db.ExecuteAsync(Statements.Insert, new { id, holderId, now, expires = now + settings.AbsoluteLifetime, ip, device });
        return id;
    }

    public Task<StoredSession?> FindAsync(DbSession db, Guid id) =>
        db.QuerySingleOrDefaultAsync<StoredSession>($"{Statements.Select} WHERE s.tenant_id = @tenant_id AND s.id = @id", new { id });

    /// <summary>The holder's sessions that are still usable, newest first.</summary>
    public async Task<IReadOnlyList<StoredSession>> ActiveAsync(DbSession db, Guid holderId)
    {
        var sessions = await db.QueryAsync<StoredSession>(
            $"{Statements.Select} WHERE s.tenant_id = @tenant_id AND {Statements.Holder} = @holderId AND s.ended_at IS NULL ORDER BY s.last_seen_at DESC",
            new { holderId });
        return [.. sessions.Where(s => WhyEnded(s) is null)];
    }

    /// <summary>Null while the session may be used; otherwise the reason it no longer may.</summary>
    public string? WhyEnded(StoredSession session)
    {
        var now = time.GetUtcNow();
        if (session.EndedAt is not null)
            return "ended";
        if (!session.HolderActive)
            return HolderInactive;
        return settings.LimitReached(session.LastSeenAt, session.ExpiresAt, now);
    }

    public bool IsDueForTouch(StoredSession session) => time.GetUtcNow() - session.LastSeenAt >= SessionSettings.TouchInterval;

    /// <summary>Whether the holder proved who they are recently enough for a sensitive action.</summary>
    public bool IsRecentlyConfirmed(StoredSession session) =>
        session.ConfirmedAt is { } confirmed && time.GetUtcNow() - confirmed < settings.ConfirmationWindow;

    public Task TouchAsync(DbSession db, Guid id) => db.ExecuteAsync(Statements.Touch, new { id, now = time.GetUtcNow() });

    public Task ConfirmAsync(DbSession db, Guid id) => db.ExecuteAsync(Statements.Confirm, new { id, now = time.GetUtcNow() });

    /// <summary>Ends one session, once: a session already ended keeps its first reason and records nothing.</summary>
    public async Task<bool> EndAsync(Change change, Guid id, string reason, AuditActor? actor = null)
    {
        var ended = await change.Db.ExecuteAsync(Statements.End, new { id, reason, now = time.GetUtcNow() });
        if (ended > 0 && reason != SignedOut)
            change.Audit(new AuditEntry(EndedAction) { RecordId = id, Actor = actor });
        return ended > 0;
    }

    /// <summary>Ends every session of the holder but <paramref name="keep"/>.</summary>
    public async Task EndOthersAsync(Change change, Guid holderId, Guid keep, string reason)
    {
        var others = await change.Db.QueryAsync<Guid>(Statements.Live, new { holderId, keep });
        foreach (var other in others)
            await EndAsync(change, other, reason);
    }
}

/// <summary>Staff sessions: they end when the member is deactivated.</summary>
internal sealed class StaffSessions(SessionSettings settings, TimeProvider time) : SessionStore(settings, time)
{
    public const string PasswordChanged = "password changed";
    public const string StaffInactive = "staff deactivated";

    private static readonly Sql Staff = new(
        Select: """
            SELECT s.id AS Id, s.staff_id AS HolderId, s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt,
                   s.ended_at AS EndedAt, s.confirmed_at AS ConfirmedAt, s.ip AS Ip, s.device AS Device, st.active AS HolderActive
            FROM accounts_sessions s JOIN accounts_staff st ON st.id = s.staff_id AND st.tenant_id = s.tenant_id
            """,
        Holder: "s.staff_id",
        Insert: """
            INSERT INTO accounts_sessions (id, tenant_id, staff_id, created_at, last_seen_at, expires_at, confirmed_at, ip, device)
            VALUES (@id, @tenant_id, @holderId, @now, @now, @expires, @now, @ip, @device)
            """,
        Touch: "UPDATE accounts_sessions SET last_seen_at = @now WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
        Confirm: "UPDATE accounts_sessions SET confirmed_at = @now WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
        End: "UPDATE accounts_sessions SET ended_at = @now, ended_reason = @reason WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
        Live: "SELECT id FROM accounts_sessions WHERE tenant_id = @tenant_id AND staff_id = @holderId AND id <> @keep AND ended_at IS NULL");

    protected override Sql Statements => Staff;

    protected override string HolderInactive => StaffInactive;
}

/// <summary>Clients' portal sessions.</summary>
internal sealed class ClientSessions(SessionSettings settings, TimeProvider time) : SessionStore(settings, time)
{
    private static readonly Sql Client = new(
        Select: """
            SELECT s.id AS Id, s.client_account_id AS HolderId, s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt,
                   s.ended_at AS EndedAt, s.confirmed_at AS ConfirmedAt, s.ip AS Ip, s.device AS Device, TRUE AS HolderActive
            FROM accounts_client_sessions s
            """,
        Holder: "s.client_account_id",
        Insert: """
            INSERT INTO accounts_client_sessions (id, tenant_id, client_account_id, created_at, last_seen_at, expires_at, confirmed_at, ip, device)
            VALUES (@id, @tenant_id, @holderId, @now, @now, @expires, @now, @ip, @device)
            """,
        Touch: "UPDATE accounts_client_sessions SET last_seen_at = @now WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
        Confirm: "UPDATE accounts_client_sessions SET confirmed_at = @now WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
        End: "UPDATE accounts_client_sessions SET ended_at = @now, ended_reason = @reason WHERE tenant_id = @tenant_id AND id = @id AND ended_at IS NULL",
        Live: "SELECT id FROM accounts_client_sessions WHERE tenant_id = @tenant_id AND client_account_id = @holderId AND id <> @keep AND ended_at IS NULL");

    protected override Sql Statements => Client;

    protected override string HolderInactive => "client account closed";
}

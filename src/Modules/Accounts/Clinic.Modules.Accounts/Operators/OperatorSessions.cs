using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Sessions;

namespace Clinic.Modules.Accounts.Operators;

/// <summary>
/// Operators' console sessions, on the server: the cookie only points to one, so signing out or timing out ends every
/// copy of it. Same idle timeout and absolute limit as staff sessions; platform tables, so no tenant.
/// </summary>
internal sealed class OperatorSessions(ClinicDatabase database, SessionSettings settings, TimeProvider time)
{
    public async Task<Guid> StartAsync(Guid operatorId, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await using var db = await database.BeginAsync(tenantId: null, write: true, ct);
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_operator_sessions (id, operator_id, created_at, last_seen_at, expires_at)
            VALUES (@id, @operatorId, @now, @now, @expires)
            """,
            new { id, operatorId, now, expires = now + settings.AbsoluteLifetime });
        await db.CommitAsync();
        return id;
    }

    /// <summary>Whether the session may still be used by this operator; notes the visit, or the timeout that ended it.</summary>
    public async Task<bool> IsLiveAsync(Guid id, Guid operatorId, CancellationToken ct)
    {
        Row? session;
        await using (var db = await database.BeginAsync(tenantId: null, write: false, ct))
        {
            session = await db.QuerySingleOrDefaultAsync<Row>(
                """
                SELECT operator_id AS OperatorId, last_seen_at AS LastSeenAt, expires_at AS ExpiresAt, ended_at AS EndedAt
                FROM accounts_operator_sessions WHERE id = @id
                """,
                new { id });
        }

        if (session is null || session.OperatorId != operatorId || session.EndedAt is not null)
            return false;

        var now = time.GetUtcNow();
        var ended = settings.LimitReached(session.LastSeenAt, session.ExpiresAt, now);
        if (ended is not null)
        {
            await EndAsync(id, ended, ct);
            return false;
        }

        // Written once a minute at most, not on every request.
        if (now - session.LastSeenAt >= SessionSettings.TouchInterval)
        {
            await using var db = await database.BeginAsync(tenantId: null, write: true, ct);
            await db.ExecuteAsync("UPDATE accounts_operator_sessions SET last_seen_at = @now WHERE id = @id AND ended_at IS NULL", new { id, now });
            await db.CommitAsync();
        }

        return true;
    }

    public async Task EndAsync(Guid id, string reason, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: true, ct);
        await db.ExecuteAsync(
            "UPDATE accounts_operator_sessions SET ended_at = @now, ended_reason = @reason WHERE id = @id AND ended_at IS NULL",
            new { id, reason, now = time.GetUtcNow() });
        await db.CommitAsync();
    }

    private sealed class Row
    {
        public Guid OperatorId { get; init; }

        public DateTimeOffset LastSeenAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public DateTimeOffset? EndedAt { get; init; }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>Appends entries to the recording clinic's chain, inside the caller's transaction.</summary>
internal sealed class AuditTrail(ClinicDatabase database, AuditContext context, TimeProvider time) : IAuditTrail
{
    // The first key of pg_advisory_xact_lock(int, int), so audit locks cannot collide with other advisory locks.
    private const int PostgresLockSpace = 7_402_114;

    public async Task RecordAsync(DbSession db, AuditEntry entry)
    {
        var tenant = db.TenantId ?? throw new InvalidOperationException("Audit entries belong to a clinic: record them in a clinic's transaction.");
        await LockChainAsync(db);
        var last = await db.QuerySingleOrDefaultAsync<AuditRow>(
            "SELECT sequence AS Sequence, hash AS Hash FROM accounts_audit_entries WHERE tenant_id = @tenant_id ORDER BY sequence DESC LIMIT 1");

        var actor = entry.Actor ?? context.Actor;
        var row = new AuditRow
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            Sequence = (last?.Sequence ?? 0) + 1,
            OccurredAt = AuditHash.Storable(time.GetUtcNow()),
            ActorId = actor?.Id,
            ActorName = actor?.Name,
            Action = entry.Action,
            ClientId = entry.ClientId,
            RecordId = entry.RecordId,
            Outcome = entry.Outcome.ToString().ToLowerInvariant(),
            Ip = context.Ip,
            Device = context.Device,
            PreviousHash = last?.Hash,
        };
        row = row with { Hash = AuditHash.Of(row) };

        await db.ExecuteAsync(
            """
            INSERT INTO accounts_audit_entries
                (id, tenant_id, sequence, occurred_at, actor_id, actor_name, action, client_id, record_id, outcome, ip, device, previous_hash, hash)
            VALUES
                (@Id, @tenant_id, @Sequence, @OccurredAt, @ActorId, @ActorName, @Action, @ClientId, @RecordId, @Outcome, @Ip, @Device, @PreviousHash, @Hash)
            """,
            row);
    }

    /// <summary>
    /// Two writers must not both extend the chain from the same entry. PostgreSQL queues them on a lock per clinic
    /// held until commit; SQLite write transactions already run one at a time. UNIQUE (tenant_id, sequence) backs both.
    /// </summary>
    private Task LockChainAsync(DbSession db) =>
        database.Provider == DatabaseProvider.Postgres
            ? db.ExecuteAsync($"SELECT pg_advisory_xact_lock({PostgresLockSpace}, hashtext(@tenant_id::text))")
            : Task.CompletedTask;
}

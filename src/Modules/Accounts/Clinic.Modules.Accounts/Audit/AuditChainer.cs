using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// Gives each waiting entry its place in its clinic's chain: the next sequence number, the previous entry's hash and
/// its own, in one transaction per clinic that also moves the entry out of the waiting list and signs the new newest
/// entry. Entries are chained in the order they were written, each run taking what has committed since the last, so
/// an entry that commits late (even with an earlier time) is chained once, after those already chained.
/// </summary>
internal sealed class AuditChainer(DueWork due) : IClinicJob
{
    public const string Name = "audit-chain";

    public Task RunAsync(CancellationToken ct) =>
        due.ForEachClinicAsync<Guid>(
            "SELECT DISTINCT tenant_id FROM accounts_audit_pending_all_clinics LIMIT 1000",
            new { },
            clinic => clinic,
            (services, _, token) => services.GetRequiredService<ClinicAuditChain>().ExtendAsync(token),
            ct);
}

/// <summary>One clinic's chain, extended by <see cref="AuditChainer"/>.</summary>
internal sealed class ClinicAuditChain(TenantDb tenantDb, AuditCheckpoints checkpoints, ILogger<ClinicAuditChain> logger)
{
    private const int Batch = 500;

    public async Task ExtendAsync(CancellationToken ct)
    {
        while (await ExtendOnceAsync(ct) == Batch)
        {
        }
    }

    /// <returns>How many entries were chained.</returns>
    private async Task<int> ExtendOnceAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.BeginAsync(ct);
        // Two hosts' chainers would both extend from the same entry; the second waits here, then finds nothing waiting.
        await db.LockAsync("audit-chain");
        var newest = await db.QuerySingleOrDefaultAsync<AuditRow>(
            $"SELECT {AuditRow.Columns} FROM accounts_audit_entries WHERE tenant_id = @tenant_id ORDER BY sequence DESC LIMIT 1");
        var checkpoint = await AuditCheckpoint.ReadAsync(db);
        var clinic = db.TenantId!.Value;
        if (checkpoint is not null && checkpoints.Fault(clinic, checkpoint, newest) is { } fault)
        {
            // Extending a chain whose end was tampered with would sign over the damage; entries wait until it is looked into.
            logger.LogError("The audit chain of clinic {Clinic} no longer matches its checkpoint ({Fault}); new entries are left unchained. Run `audit verify`.", clinic, fault);
            return 0;
        }

        var waiting = await db.QueryAsync<AuditRow>(
            $"""
            SELECT {AuditRow.WaitingColumns} FROM accounts_audit_pending
            WHERE tenant_id = @tenant_id
            ORDER BY position
            LIMIT {Batch}
            """);
        if (waiting.Count == 0)
            return 0;

        foreach (var entry in waiting)
        {
            var linked = entry with { Sequence = (newest?.Sequence ?? 0) + 1, PreviousHash = newest?.Hash };
            newest = linked with { Hash = AuditHash.Of(linked) };
            await db.ExecuteAsync(
                """
                INSERT INTO accounts_audit_entries
                    (id, tenant_id, sequence, occurred_at, actor_id, actor_name, action, client_id, record_id, outcome, ip, device, previous_hash, hash)
                VALUES
                    (@Id, @tenant_id, @Sequence, @OccurredAt, @ActorId, @ActorName, @Action, @ClientId, @RecordId, @Outcome, @Ip, @Device, @PreviousHash, @Hash);
                DELETE FROM accounts_audit_pending WHERE tenant_id = @tenant_id AND id = @Id
                """,
                newest);
        }

        await checkpoints.WriteAsync(db, newest!);
        await db.CommitAsync();
        return waiting.Count;
    }
}

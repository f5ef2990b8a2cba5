using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// Walks each clinic's chain in order, recomputing every hash, then checks that its newest entry is the one the signed
/// checkpoint vouches for; stops at the first entry that does not fit. Entries still waiting for the chainer are
/// counted, not judged: nothing vouches for them yet.
/// </summary>
internal sealed class AuditChain(ClinicDatabase database, AuditCheckpoints checkpoints) : IAuditChain
{
    private const int Batch = 1000;

    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct)
    {
        IReadOnlyList<Guid> clinics;
        await using (var platform = await database.BeginAsync(tenantId: null, write: false, ct))
            clinics = await platform.QueryAsync<Guid>("SELECT id FROM accounts_tenants ORDER BY created_at, id");

        long entries = 0, waiting = 0;
        foreach (var clinic in clinics)
        {
            var (count, waits, broken) = await VerifyClinicAsync(clinic, ct);
            entries += count;
            waiting += waits;
            if (broken is not null)
                return new AuditChainReport(entries, clinics.Count, broken, waiting);
        }

        return new AuditChainReport(entries, clinics.Count, FirstBroken: null, waiting);
    }

    private async Task<(long Count, long Waiting, BrokenAuditEntry? Broken)> VerifyClinicAsync(Guid clinic, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(clinic, write: false, ct);
        // Read first: the chainer may add entries while the walk goes on, but never moves the checkpoint backwards.
        var checkpoint = await AuditCheckpoint.ReadAsync(db);
        long count = 0;
        AuditRow? previous = null;
        while (true)
        {
            var rows = await db.QueryAsync<AuditRow>(
                $"""
                SELECT {AuditRow.Columns} FROM accounts_audit_entries
                WHERE tenant_id = @tenant_id AND sequence > @after
                ORDER BY sequence
                LIMIT {Batch}
                """,
                new { after = previous?.Sequence ?? 0 });
            foreach (var row in rows)
            {
                if (Fault(row, previous) is { } reason)
                    return (count, 0, new BrokenAuditEntry(clinic, row.Sequence, row.Id, reason));
                previous = row;
                count++;
            }

            if (rows.Count < Batch)
                break;
        }

        var waiting = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_audit_pending WHERE tenant_id = @tenant_id");
        // The walk checked every hash; what is left is whether the entry the checkpoint names is still there, unchanged.
        var vouched = checkpoint is not null && previous is not null && previous.Sequence > checkpoint.Sequence
            ? await db.QuerySingleOrDefaultAsync<AuditRow>($"SELECT {AuditRow.Columns} FROM accounts_audit_entries WHERE tenant_id = @tenant_id AND sequence = @sequence", new { sequence = checkpoint.Sequence })
            : previous;
        if (checkpoints.Fault(clinic, checkpoint, vouched) is { } fault)
            return (count, waiting, new BrokenAuditEntry(clinic, checkpoint?.Sequence ?? previous!.Sequence, checkpoint?.EntryId ?? previous!.Id, fault));
        return (count, waiting, null);
    }

    private static string? Fault(AuditRow row, AuditRow? previous)
    {
        if (row.Sequence != (previous?.Sequence ?? 0) + 1)
            return $"the entries between {previous?.Sequence ?? 0} and {row.Sequence} are missing";
        if (!string.Equals(row.PreviousHash, previous?.Hash, StringComparison.Ordinal))
            return "it does not carry the hash of the entry before it";
        if (!string.Equals(row.Hash, AuditHash.Of(row), StringComparison.Ordinal))
            return "its contents do not match its hash";
        return null;
    }
}

using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>Walks each clinic's chain in order, recomputing every hash; stops at the first entry that does not fit.</summary>
internal sealed class AuditChain(ClinicDatabase database) : IAuditChain
{
    private const int Batch = 1000;

    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct)
    {
        IReadOnlyList<Guid> clinics;
        await using (var platform = await database.BeginAsync(tenantId: null, write: false, ct))
            clinics = await platform.QueryAsync<Guid>("SELECT id FROM accounts_tenants ORDER BY created_at, id");

        long entries = 0;
        foreach (var clinic in clinics)
        {
            var (count, broken) = await VerifyClinicAsync(clinic, ct);
            entries += count;
            if (broken is not null)
                return new AuditChainReport(entries, clinics.Count, broken);
        }

        return new AuditChainReport(entries, clinics.Count, FirstBroken: null);
    }

    private async Task<(long Count, BrokenAuditEntry? Broken)> VerifyClinicAsync(Guid clinic, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(clinic, write: false, ct);
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
                    return (count, new BrokenAuditEntry(clinic, row.Sequence, row.Id, reason));
                previous = row;
                count++;
            }

            if (rows.Count < Batch)
                return (count, null);
        }
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

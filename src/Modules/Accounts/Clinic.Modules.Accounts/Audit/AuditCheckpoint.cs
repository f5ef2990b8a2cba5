using System.Globalization;
using System.Security.Cryptography;
using Clinic.BuildingBlocks.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// The newest chained entry of a clinic, as the chainer last left it, with a signature only the app's Data
/// Protection keys can make. A hash chain cannot tell a removed tail from one never written; the checkpoint can.
/// </summary>
internal sealed record AuditCheckpoint(long Sequence, Guid EntryId, string Hash, string Signature)
{
    public const string Columns = "sequence AS Sequence, entry_id AS EntryId, hash AS Hash, signature AS Signature";

    public static Task<AuditCheckpoint?> ReadAsync(DbSession db) =>
        db.QuerySingleOrDefaultAsync<AuditCheckpoint>($"SELECT {Columns} FROM accounts_audit_checkpoints WHERE tenant_id = @tenant_id");
}

/// <summary>Signs and checks checkpoints. Protect is authenticated encryption, so an opened signature is a MAC that verified.</summary>
internal sealed class AuditCheckpoints(IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Clinic.Accounts.AuditCheckpoint.v1");

    /// <summary>Why <paramref name="checkpoint"/> cannot vouch for <paramref name="newest"/>, the clinic's newest chained entry; null when it does.</summary>
    public string? Fault(Guid clinic, AuditCheckpoint? checkpoint, AuditRow? newest)
    {
        if (checkpoint is null)
            return newest is null ? null : "no signed checkpoint vouches for the newest entry, so entries after it may have been removed";
        if (!Signed(clinic, checkpoint))
            return "the checkpoint that vouches for the newest entry does not carry a valid signature";
        if (newest is null || newest.Sequence < checkpoint.Sequence)
            return $"the signed checkpoint vouches for entry {checkpoint.Sequence}, but the chain ends at entry {newest?.Sequence ?? 0}: newer entries were removed";
        return Matches(checkpoint, newest) ? null : "it does not match the signed checkpoint that vouches for it";
    }

    /// <summary>Whether <paramref name="entry"/> is the entry the checkpoint was signed for.</summary>
    public static bool Matches(AuditCheckpoint checkpoint, AuditRow entry) =>
        entry.Sequence == checkpoint.Sequence && entry.Id == checkpoint.EntryId && string.Equals(entry.Hash, checkpoint.Hash, StringComparison.Ordinal);

    public bool Signed(Guid clinic, AuditCheckpoint checkpoint)
    {
        try
        {
            return string.Equals(_protector.Unprotect(checkpoint.Signature), Text(clinic, checkpoint.Sequence, checkpoint.EntryId, checkpoint.Hash), StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Makes <paramref name="newest"/> the clinic's checkpoint, in the chainer's transaction.</summary>
    public Task WriteAsync(DbSession db, AuditRow newest) =>
        db.ExecuteAsync(
            """
            INSERT INTO accounts_audit_checkpoints (tenant_id, sequence, entry_id, hash, signature, signed_at)
            VALUES (@tenant_id, @sequence, @entryId, @hash, @signature, @now)
            ON CONFLICT (tenant_id) DO UPDATE SET
                sequence = excluded.sequence, entry_id = excluded.entry_id, hash = excluded.hash,
                signature = excluded.signature, signed_at = excluded.signed_at
            """,
            new
            {
                sequence = newest.Sequence,
                entryId = newest.Id,
                hash = newest.Hash,
                signature = _protector.Protect(Text(newest.TenantId, newest.Sequence, newest.Id, newest.Hash)),
                now = time.GetUtcNow(),
            });

    private static string Text(Guid clinic, long sequence, Guid entry, string hash) =>
        string.Create(CultureInfo.InvariantCulture, $"{clinic:D}|{sequence}|{entry:D}|{hash}");
}

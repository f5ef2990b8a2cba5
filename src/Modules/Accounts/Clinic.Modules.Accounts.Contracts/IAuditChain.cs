namespace Clinic.Modules.Accounts.Contracts;

/// <summary>The first entry whose hash, link or place in its clinic's chain is wrong, and why.</summary>
public sealed record BrokenAuditEntry(Guid TenantId, long Sequence, Guid Id, string Reason);

/// <param name="FirstBroken">Null when every clinic's chain is intact.</param>
/// <param name="Waiting">Entries recorded but not yet given their place in the chain (within seconds, by the audit-chain job).</param>
public sealed record AuditChainReport(long Entries, int Clinics, BrokenAuditEntry? FirstBroken, long Waiting);

/// <summary>Checks every clinic's audit trail against its hash chain and signed checkpoint; <c>audit verify</c> runs it.</summary>
public interface IAuditChain
{
    Task<AuditChainReport> VerifyAsync(CancellationToken ct);
}

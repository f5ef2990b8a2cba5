using Clinic.BuildingBlocks.Data;

namespace Clinic.BuildingBlocks.Audit;

/// <summary>
/// The clinic's append-only, hash-chained audit trail: the one interface every module records accesses through.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Records the entry in <paramref name="db"/>'s transaction, so it exists exactly when the access it describes
    /// commits. A read records in a read transaction (<c>TenantDb.ReadAsync</c>): recording takes no lock, and the
    /// entry takes its place in the clinic's hash chain shortly after commit (ADR 0028).
    /// </summary>
    Task RecordAsync(DbSession db, AuditEntry entry);
}

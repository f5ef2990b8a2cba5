using Clinic.BuildingBlocks.Data;

namespace Clinic.BuildingBlocks.Audit;

/// <summary>
/// The clinic's append-only, hash-chained audit trail: the one interface every module records accesses through.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Appends the entry in <paramref name="db"/>'s transaction, so it commits or rolls back with the access it
    /// describes. Use a write transaction (<c>TenantDb.BeginAsync</c>) even for a read: recording is a write.
    /// </summary>
    Task RecordAsync(DbSession db, AuditEntry entry);
}

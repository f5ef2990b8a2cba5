using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// Writes entries to the recording clinic's waiting list, inside the caller's transaction and without the chain's
/// lock, so that clinics' reads do not queue behind one another; <see cref="AuditChainer"/> chains them after commit.
/// </summary>
internal sealed class AuditTrail(AuditContext context, TimeProvider time) : IAuditTrail
{
    public Task RecordAsync(DbSession db, AuditEntry entry)
    {
        if (db.TenantId is null)
            throw new InvalidOperationException("Audit entries belong to a clinic: record them in a clinic's transaction.");

        var actor = entry.Actor ?? context.Actor;
        return db.InsertAsync(
            """
            INSERT INTO accounts_audit_pending
                (id, tenant_id, occurred_at, actor_id, actor_name, action, client_id, record_id, outcome, ip, device)
            VALUES
                (@Id, @tenant_id, @OccurredAt, @ActorId, @ActorName, @Action, @ClientId, @RecordId, @Outcome, @Ip, @Device)
            """,
            new
            {
                Id = Guid.CreateVersion7(),
                OccurredAt = AuditHash.Storable(time.GetUtcNow()),
                ActorId = actor?.Id,
                ActorName = actor?.Name,
                entry.Action,
                entry.ClientId,
                entry.RecordId,
                Outcome = entry.Outcome.ToString().ToLowerInvariant(),
                context.Ip,
                context.Device,
            });
    }
}

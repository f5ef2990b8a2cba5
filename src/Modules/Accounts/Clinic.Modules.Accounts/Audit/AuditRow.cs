namespace Clinic.Modules.Accounts.Audit;

/// <summary>An audit entry as stored in <c>accounts_audit_entries</c>, or waiting for its place there.</summary>
internal sealed record AuditRow
{
    public const string Columns =
        """
        id AS Id, tenant_id AS TenantId, sequence AS Sequence, occurred_at AS OccurredAt, actor_id AS ActorId,
        actor_name AS ActorName, action AS Action, client_id AS ClientId, record_id AS RecordId, outcome AS Outcome,
        ip AS Ip, device AS Device, previous_hash AS PreviousHash, hash AS Hash
        """;

    /// <summary>An entry waiting in <c>accounts_audit_pending</c>: everything but its place in the chain.</summary>
    public const string WaitingColumns =
        """
        id AS Id, tenant_id AS TenantId, occurred_at AS OccurredAt, actor_id AS ActorId, actor_name AS ActorName,
        action AS Action, client_id AS ClientId, record_id AS RecordId, outcome AS Outcome, ip AS Ip, device AS Device
        """;

    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    /// <summary>The entry's place in its clinic's chain, from 1 without gaps.</summary>
    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public Guid? ActorId { get; init; }

    public string? ActorName { get; init; }

    public string Action { get; init; } = "";

    public Guid? ClientId { get; init; }

    public Guid? RecordId { get; init; }

    public string Outcome { get; init; } = "";

    public string? Ip { get; init; }

    public string? Device { get; init; }

    /// <summary>The hash of the clinic's previous entry; null for its first.</summary>
    public string? PreviousHash { get; init; }

    public string Hash { get; init; } = "";
}

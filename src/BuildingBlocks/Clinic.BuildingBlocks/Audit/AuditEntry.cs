namespace Clinic.BuildingBlocks.Audit;

/// <summary>How an audited access ended; stored as its lower-case name.</summary>
public enum AuditOutcome
{
    Success,
    Denied,
    Failure,
}

/// <summary>Who acted, as recorded: the id, and the name they had at the time, since names change and entries do not.</summary>
public sealed record AuditActor(Guid Id, string Name);

/// <summary>
/// One access to record: a short verb such as "clients.list" or "signin.failed", the client or record it touched,
/// and how it ended. The time, clinic, IP and device are filled in by the trail.
/// </summary>
public sealed record AuditEntry(string Action, AuditOutcome Outcome = AuditOutcome.Success)
{
    public Guid? ClientId { get; init; }

    public Guid? RecordId { get; init; }

    /// <summary>Who acted, when it is not the request's signed-in user: a sign-in records the account it opened.</summary>
    public AuditActor? Actor { get; init; }
}

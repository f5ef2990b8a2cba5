using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;

namespace Clinic.BuildingBlocks.Work;

/// <summary>
/// What a handler works with: the clinic's open transaction, and the audit entries and events it wants recorded.
/// The unit of work writes those into the same transaction just before it commits, so they exist only if the change does.
/// </summary>
public sealed class Change
{
    private readonly List<AuditEntry> _entries = [];
    private readonly List<Func<DbSession, Task>> _events = [];

    internal Change(DbSession db, CancellationToken cancellation)
    {
        Db = db;
        Cancellation = cancellation;
    }

    public DbSession Db { get; }

    /// <summary>The request's cancellation, for work beside the SQL (the session's statements already observe it).</summary>
    public CancellationToken Cancellation { get; }

    public IReadOnlyList<AuditEntry> Entries => _entries;

    public void Audit(AuditEntry entry) => _entries.Add(entry);

    public void Publish<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent =>
        // Kept as a call, not an IntegrationEvent, so the outbox stores it under its own type.
        _events.Add(db => db.PublishAsync(integrationEvent));

    internal async Task RecordAsync(IAuditTrail audit)
    {
        foreach (var publish in _events)
            await publish(Db);
        foreach (var entry in _entries)
            await audit.RecordAsync(Db, entry);
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// The current clinic's events that failed their last attempt and were set aside, across every enabled module's
/// outbox, and the owner's retry of one. Only names, counts, times and the failure's summary are read: never the
/// payload, which may hold a client's details and sealed links.
/// </summary>
public sealed class UndeliveredEvents(ModuleSet modules, TenantDb tenantDb, IAuditTrail audit)
{
    public const string Permission = "events.retry";
    public const string RetriedAction = "events.retried";
    public const string Path = "/settings/undelivered-events";
    private const int Shown = 200;

    public static string PathOf(Guid id) => $"{Path}/{id}";

    /// <summary>The most recently set aside first, at most <see cref="Shown"/>.</summary>
    public async Task<IReadOnlyList<UndeliveredEvent>> ListAsync(CancellationToken ct)
    {
        var all = new List<UndeliveredEvent>();
        await using var db = await tenantDb.ReadAsync(ct);
        foreach (var module in modules.All)
        {
            var events = await db.QueryAsync<UndeliveredEvent>(Select(module.Name) + $" ORDER BY dead_lettered_at DESC LIMIT {Shown}");
            all.AddRange(events.Select(e => e with { Module = module.Name }));
        }

        return [.. all.OrderByDescending(e => e.SetAsideAt).ThenByDescending(e => e.Id).Take(Shown)];
    }

    /// <summary>One event set aside in this clinic, or null (another clinic's, delivered, waiting, or no such event).</summary>
    public async Task<UndeliveredEvent?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        foreach (var module in modules.All)
        {
            if (await db.QuerySingleOrDefaultAsync<UndeliveredEvent>(Select(module.Name) + " AND id = @id", new { id }) is { } found)
                return found with { Module = module.Name };
        }

        return null;
    }

    /// <summary>
    /// Puts the event back in line with its attempts counted from zero, so the next dispatch delivers it to the
    /// handlers that have not yet handled it; false when this clinic has no such event set aside.
    /// </summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken ct)
    {
        await using var db = await tenantDb.BeginAsync(ct);
        foreach (var module in modules.All)
        {
            var reset = await db.ExecuteAsync(
                $"""
                UPDATE {Outbox.TableOf(module.Name)}
                SET attempts = 0, next_attempt_at = NULL, dead_lettered_at = NULL, last_error = NULL
                WHERE tenant_id = @tenant_id AND id = @id AND dead_lettered_at IS NOT NULL AND dispatched_at IS NULL
                """,
                new { id });
            if (reset == 0)
                continue;
            await audit.RecordAsync(db, new AuditEntry(RetriedAction) { RecordId = id });
            await db.CommitAsync();
            return true;
        }

        return false;
    }

    private static string Select(string module) =>
        $"""
        SELECT id AS Id, type AS EventName, attempts AS Attempts, last_error AS LastError,
            occurred_at AS OccurredAt, dead_lettered_at AS SetAsideAt
        FROM {Outbox.TableOf(module)}
        WHERE tenant_id = @tenant_id AND dead_lettered_at IS NOT NULL AND dispatched_at IS NULL
        """;
}

/// <summary>An event set aside: what it was, from which module, how often it was tried, why it last failed, and when.</summary>
public sealed record UndeliveredEvent
{
    public Guid Id { get; init; }

    public string Module { get; init; } = "";

    public string EventName { get; init; } = "";

    public int Attempts { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset SetAsideAt { get; init; }
}

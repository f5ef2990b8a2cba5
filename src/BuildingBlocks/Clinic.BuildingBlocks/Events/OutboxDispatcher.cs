using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// Delivers committed outbox events to their in-process handlers. Each delivery runs in the handler module's
/// transaction together with its inbox record, so running the dispatcher twice, or on two hosts, delivers once.
/// An event a handler fails is tried again on <see cref="RetrySchedule"/>, and after its last attempt is set aside
/// (dead-lettered) with an error in the log, for the owner to retry from the undelivered events page.
/// </summary>
public sealed class OutboxDispatcher(
    ModuleSet modules,
    ClinicDatabase database,
    EventRoutes routes,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 100;

    /// <summary>Dispatches what is due in every enabled module's outbox and returns how many handlers ran.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var delivered = 0;
        foreach (var module in modules.All)
        {
            foreach (var message in await DueAsync(module.Name, ct))
                delivered += await DeliverAsync(module.Name, message, ct);
        }

        return delivered;
    }

    /// <summary>
    /// The module's events due now, oldest first within each clinic. Which clinics have any is read through the
    /// cross-clinic view (ids and times only); each clinic's events are then read in that clinic's own transaction.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> DueAsync(string module, CancellationToken ct)
    {
        const string Due = "dispatched_at IS NULL AND dead_lettered_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= @now)";
        var now = time.GetUtcNow();
        IReadOnlyList<Guid> clinics;
        await using (var scan = await database.BeginAsync(tenantId: null, write: false, ct))
        {
            clinics = await scan.QueryAsync<Guid>(
                $"""
                SELECT DISTINCT tenant_id FROM (
                    SELECT tenant_id FROM {Outbox.AllClinicsOf(module)}
                    WHERE {Due} AND tenant_id IS NOT NULL
                    ORDER BY id
                    LIMIT {BatchSize}) AS waiting
                """,
                new { now });
        }

        var due = new List<OutboxMessage>();
        foreach (var clinic in clinics)
        {
            await using var db = await database.BeginAsync(clinic, write: false, ct);
            due.AddRange(await db.QueryAsync<OutboxMessage>(
                $"""
                SELECT id AS Id, tenant_id AS TenantId, type AS Type, payload AS Payload, attempts AS Attempts
                FROM {Outbox.TableOf(module)}
                WHERE tenant_id = @tenant_id AND {Due}
                ORDER BY id
                LIMIT {BatchSize}
                """,
                new { now }));
        }

        return due;
    }

    private async Task<int> DeliverAsync(string module, OutboxMessage message, CancellationToken ct)
    {
        var delivered = 0;
        var subscribers = routes.For(message.Type);

        // A name no enabled module declares (its type was removed, or its name changed without a migration) cannot be
        // read by anyone: it is set aside at once rather than marked delivered.
        var unknown = subscribers.Count == 0 && !routes.IsPublished(message.Type);
        var failure = unknown ? "No enabled module declares this event" : null;
        foreach (var subscriber in subscribers)
        {
            try
            {
                if (await HandleOnceAsync(subscriber, message, ct))
                    delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left in the outbox and retried; handlers that already succeeded are skipped by their inbox.
                logger.LogWarning(e, "Handler {Handler} failed on event {EventId} ({EventName})", subscriber.Subscription.HandlerType.Name, message.Id, message.Type);
                failure = $"{subscriber.Subscription.HandlerType.Name} failed: {e.GetType().Name}";
            }
        }

        var attempts = message.Attempts + 1;
        var now = time.GetUtcNow();
        var deadLettered = unknown || (failure is not null && attempts >= RetrySchedule.MaxAttempts);
        await using var db = await database.BeginAsync(message.TenantId, write: true, ct);
        // Guarded by the attempts read, so a second dispatcher that tried the same event at once does not count it twice.
        var recorded = await db.ExecuteAsync(
            $"""
            UPDATE {Outbox.TableOf(module)}
            SET dispatched_at = @dispatched_at,
                attempts = @attempts,
                last_error = @failure,
                next_attempt_at = @next_attempt_at,
                dead_lettered_at = @dead_lettered_at,
                payload = @payload
            WHERE tenant_id = @tenant_id AND id = @id AND attempts = @seen
            """,
            new
            {
                id = message.Id,
                seen = message.Attempts,
                attempts,
                failure,
                dispatched_at = failure is null ? now : (DateTimeOffset?)null,
                next_attempt_at = failure is not null && !deadLettered ? now + RetrySchedule.After(attempts) : (DateTimeOffset?)null,
                dead_lettered_at = deadLettered ? now : (DateTimeOffset?)null,

                // Delivered: the event's sealed secrets have done their work and are erased (ADR 0018). Set aside, it
                // keeps them, still sealed, so that a retry delivers it whole.
                payload = failure is null ? SealedSecretJson.Erase(message.Payload) : message.Payload,
            });
        await db.CommitAsync();
        if (deadLettered && recorded > 0)
        {
            // Names and ids only: the payload may hold a client's details and sealed links.
            logger.LogError(
                "Event {EventId} ({EventName}) in {Module}'s outbox failed {Attempts} times and was set aside; the clinic's owner can retry it from Undelivered events. Last failure: {Failure}",
                message.Id, message.Type, module, attempts, failure);
        }

        return delivered;
    }

    private async Task<bool> HandleOnceAsync(EventRoutes.Subscriber subscriber, OutboxMessage message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(message.TenantId);

        await using var db = await database.BeginAsync(message.TenantId, write: true, ct);
        var recorded = await db.ExecuteAsync(
            $"""
            INSERT INTO {Outbox.InboxOf(subscriber.InboxModule)} (event_id, handler, processed_at, tenant_id)
            VALUES (@event_id, @handler, @now, @tenant_id)
            ON CONFLICT DO NOTHING
            """,
            new { event_id = message.Id, handler = subscriber.Subscription.HandlerType.FullName, now = time.GetUtcNow() });
        if (recorded == 0)
            return false;

        await subscriber.Subscription.Deliver(scope.ServiceProvider, message.Payload, db, ct);
        await db.CommitAsync();
        return true;
    }

    private sealed class OutboxMessage
    {
        public Guid Id { get; init; }

        public Guid TenantId { get; init; }

        public string Type { get; init; } = "";

        public string Payload { get; init; } = "";

        public int Attempts { get; init; }
    }
}

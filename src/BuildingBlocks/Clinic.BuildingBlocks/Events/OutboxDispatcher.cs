using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// Delivers committed outbox events to their in-process handlers. Each delivery runs in the handler module's
/// transaction together with its inbox record, so running the dispatcher twice, or on two hosts, delivers once.
/// </summary>
public sealed class OutboxDispatcher(
    ModuleSet modules,
    ClinicDatabase database,
    IEnumerable<EventSubscription> subscriptions,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 100;
    private const int MaxAttempts = 10;
    private readonly ILookup<string, EventSubscription> _byType = subscriptions.ToLookup(s => s.EventType.FullName!, StringComparer.Ordinal);

    /// <summary>Dispatches what is pending in every enabled module's outbox and returns how many handlers ran.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var delivered = 0;
        foreach (var module in modules.All)
        {
            foreach (var message in await PendingAsync(module.Name, ct))
                delivered += await DeliverAsync(module.Name, message, ct);
        }

        return delivered;
    }

    /// <summary>
    /// The module's waiting events, oldest first within each clinic. Which clinics have any is read through the
    /// cross-clinic view (ids and times only); each clinic's events are then read in that clinic's own transaction.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> PendingAsync(string module, CancellationToken ct)
    {
        IReadOnlyList<Guid> clinics;
        await using (var scan = await database.BeginAsync(tenantId: null, write: false, ct))
        {
            clinics = await scan.QueryAsync<Guid>(
                $"""
                SELECT DISTINCT tenant_id FROM (
                    SELECT tenant_id FROM {Outbox.AllClinicsOf(module)}
                    WHERE dispatched_at IS NULL AND attempts < @max_attempts AND tenant_id IS NOT NULL
                    ORDER BY id
                    LIMIT {BatchSize}) AS waiting
                """,
                new { max_attempts = MaxAttempts });
        }

        var pending = new List<OutboxMessage>();
        foreach (var clinic in clinics)
        {
            await using var db = await database.BeginAsync(clinic, write: false, ct);
            pending.AddRange(await db.QueryAsync<OutboxMessage>(
                $"""
                SELECT id AS Id, tenant_id AS TenantId, type AS Type, payload AS Payload, attempts AS Attempts
                FROM {Outbox.TableOf(module)}
                WHERE tenant_id = @tenant_id AND dispatched_at IS NULL AND attempts < @max_attempts
                ORDER BY id
                LIMIT {BatchSize}
                """,
                new { max_attempts = MaxAttempts }));
        }

        return pending;
    }

    private async Task<int> DeliverAsync(string module, OutboxMessage message, CancellationToken ct)
    {
        var delivered = 0;
        string? failure = null;
        foreach (var subscription in _byType[message.Type])
        {
            try
            {
                if (await HandleOnceAsync(subscription, message, ct))
                    delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left in the outbox and retried; handlers that already succeeded are skipped by their inbox.
                logger.LogError(e, "Handler {Handler} failed on event {EventId} ({EventType})", subscription.HandlerType.Name, message.Id, message.Type);
                failure = e.GetType().Name;
            }
        }

        // Delivered, or given up on: the event's sealed secrets have done their work and are erased (ADR 0018).
        var settled = failure is null || message.Attempts + 1 >= MaxAttempts;
        await using var db = await database.BeginAsync(message.TenantId, write: true, ct);
        await db.ExecuteAsync(
            $"""
            UPDATE {Outbox.TableOf(module)}
            SET dispatched_at = CASE WHEN @failed THEN NULL ELSE @now END,
                attempts = attempts + 1,
                last_error = @failure,
                payload = @payload
            WHERE tenant_id = @tenant_id AND id = @id
            """,
            new
            {
                id = message.Id,
                now = time.GetUtcNow(),
                failed = failure is not null,
                failure,
                payload = settled ? SealedSecretJson.Erase(message.Payload) : message.Payload,
            });
        await db.CommitAsync();
        return delivered;
    }

    private async Task<bool> HandleOnceAsync(EventSubscription subscription, OutboxMessage message, CancellationToken ct)
    {
        var handlerModule = modules.OwnerOf(subscription.HandlerType.Assembly)
            ?? throw new InvalidOperationException($"{subscription.HandlerType.Name} belongs to no enabled module.");

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(message.TenantId);

        await using var db = await database.BeginAsync(message.TenantId, write: true, ct);
        var recorded = await db.ExecuteAsync(
            $"""
            INSERT INTO {Outbox.InboxOf(handlerModule.Name)} (event_id, handler, processed_at, tenant_id)
            VALUES (@event_id, @handler, @now, @tenant_id)
            ON CONFLICT DO NOTHING
            """,
            new { event_id = message.Id, handler = subscription.HandlerType.FullName, now = time.GetUtcNow() });
        if (recorded == 0)
            return false;

        var integrationEvent = JsonSerializer.Deserialize(message.Payload, subscription.EventType, Outbox.Json)!;
        var handler = scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
        var handle = typeof(IIntegrationEventHandler<>).MakeGenericType(subscription.EventType).GetMethod("HandleAsync")!;
        await (Task)handle.Invoke(handler, [integrationEvent, db, ct])!;
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

using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// Sends what is due, clinic by clinic, a few messages in flight at once. Each message is claimed in its own commit,
/// so two runs (or two hosts) never send the same message twice.
/// </summary>
internal sealed class DispatchMessages(ClinicDatabase database, IServiceScopeFactory scopes, DispatchSettings settings, TimeProvider time, ILogger<DispatchMessages> logger) : IClinicJob
{
    public const string Name = "messaging-dispatch";
    private const int Batch = 1000;

    public async Task RunAsync(CancellationToken ct)
    {
        IReadOnlyList<DueRow> due;
        await using (var db = await database.BeginAsync(tenantId: null, write: false, ct))
        {
            due = await db.QueryAsync<DueRow>(
                $"SELECT message_id AS MessageId, tenant_id AS TenantId FROM messaging_due WHERE due_at <= @now ORDER BY due_at LIMIT {Batch}",
                new { now = time.GetUtcNow() });
        }

        foreach (var clinic in due.GroupBy(d => d.TenantId))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Key);
            var sender = scope.ServiceProvider.GetRequiredService<MessageSender>();
            await Parallel.ForEachAsync(
                clinic,
                new ParallelOptions { MaxDegreeOfParallelism = settings.InFlight, CancellationToken = ct },
                async (message, token) =>
                {
                    try
                    {
                        await sender.SendAsync(message.MessageId, token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One message that cannot be handled must not hold up the rest: it becomes a dead letter.
                        logger.LogError(e, "Message {MessageId} could not be dispatched", message.MessageId);
                        await sender.GiveUpAsync(message.MessageId, $"could not be sent ({e.GetType().Name})", token);
                    }
                });
        }
    }

    private sealed class DueRow
    {
        public Guid MessageId { get; init; }

        public Guid TenantId { get; init; }
    }
}

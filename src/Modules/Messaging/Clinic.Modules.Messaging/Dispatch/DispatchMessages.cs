using Clinic.BuildingBlocks.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// Sends what is due, clinic by clinic, a few messages in flight at once. Each message is claimed in its own commit,
/// so two runs (or two hosts) never send the same message twice.
/// </summary>
internal sealed class DispatchMessages(DueWork due, DispatchSettings settings, TimeProvider time, ILogger<DispatchMessages> logger) : IClinicJob
{
    public const string Name = "messaging-dispatch";
    private const int Batch = 1000;

    public Task RunAsync(CancellationToken ct) =>
        due.ForEachClinicAsync<DueRow>(
            $"SELECT message_id AS MessageId, tenant_id AS TenantId FROM messaging_due_all_clinics WHERE due_at <= @now ORDER BY due_at LIMIT {Batch}",
            new { now = time.GetUtcNow() },
            d => d.TenantId,
            async (services, messages, token) =>
            {
                var sender = services.GetRequiredService<MessageSender>();
                await Parallel.ForEachAsync(
                    messages,
                    new ParallelOptions { MaxDegreeOfParallelism = settings.InFlight, CancellationToken = token },
                    async (message, inner) => await SendOrGiveUpAsync(sender, message.MessageId, inner));
            },
            ct);

    private async Task SendOrGiveUpAsync(MessageSender sender, Guid messageId, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(messageId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One message that cannot be handled must not hold up the rest: it becomes a dead letter.
            logger.LogError(e, "Message {MessageId} could not be dispatched", messageId);
            await sender.GiveUpAsync(messageId, $"could not be sent ({e.GetType().Name})", ct);
        }
    }

    private sealed class DueRow
    {
        public Guid MessageId { get; init; }

        public Guid TenantId { get; init; }
    }
}

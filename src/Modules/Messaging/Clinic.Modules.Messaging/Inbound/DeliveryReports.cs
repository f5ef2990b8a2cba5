using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Messaging.Queue;

namespace Clinic.Modules.Messaging.Inbound;

/// <summary>
/// A provider's word on a message it took: sent, delivered, read or failed. Reports can arrive late and out of order,
/// so a message never moves back (a "sent" after "delivered" is kept in the timeline only).
/// </summary>
internal sealed class DeliveryReports(TimeProvider time)
{
    private static readonly string[] Progress = [MessageStatus.Sending, MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Read];

    /// <summary>Applies the report in the caller's change; false when this clinic has no message with that provider id.</summary>
    public async Task<bool> ApplyAsync(DbSession db, string provider, string providerMessageId, string status, string? detail)
    {
        var now = time.GetUtcNow();
        var message = await db.QuerySingleOrDefaultAsync<Row>(
            "SELECT id AS Id, status AS Status FROM messaging_messages WHERE tenant_id = @tenant_id AND provider = @provider AND provider_message_id = @providerMessageId",
            new { provider, providerMessageId });
        if (message is null)
            return false;

        await MessageHistory.AppendAsync(db, message.Id, status, detail, now);
        if (Moves(message.Status, status))
        {
            await db.ExecuteAsync(
                "UPDATE messaging_messages SET status = @status, status_detail = @detail, updated_at = @now WHERE tenant_id = @tenant_id AND id = @id",
                new { id = message.Id, status, detail, now });
        }

        return true;
    }

    private static bool Moves(string from, string to) =>
        to == MessageStatus.Failed
            ? from is not MessageStatus.Delivered and not MessageStatus.Read
            : Array.IndexOf(Progress, to) > Array.IndexOf(Progress, from);

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Status { get; init; } = "";
    }
}

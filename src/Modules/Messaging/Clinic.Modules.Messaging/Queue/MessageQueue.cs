using System.Text.Json;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Messaging.Queue;

/// <summary>Writes messages in the caller's transaction, so a message exists exactly when its cause committed.</summary>
internal static class MessageQueue
{
    /// <summary>Queues the message unless its idempotency key was queued before; returns whether it was new.</summary>
    public static async Task<bool> QueueAsync(DbSession db, MessageRequest request, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var kind = Templates.MessageKinds.Find(request.Kind);
        var added = await db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, to_name, to_email, to_mobile,
                data, secrets, status, attempts, next_attempt_at, created_at, updated_at)
            SELECT @id, @tenant_id, @key, @kind, @purpose, @urgent, 'out', @clientId, @name, @email, @mobile, @data, @secrets, 'Queued', 0, @now, @now, @now
            WHERE NOT EXISTS (SELECT 1 FROM messaging_messages WHERE tenant_id = @tenant_id AND idempotency_key = @key)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                id,
                key = request.IdempotencyKey,
                kind = request.Kind,
                purpose = kind?.Marketing == true ? "marketing" : "transactional",
                urgent = kind?.Urgent ?? false,
                clientId = request.To.ClientId,
                name = request.To.Name,
                email = request.To.Email,
                mobile = request.To.Mobile,
                data = JsonSerializer.Serialize(request.Data),
                secrets = SecretLinks.Keep(request.Links),
                now,
            });
        if (added == 0)
            return false;

        await db.ExecuteAsync("INSERT INTO messaging_due (message_id, tenant_id, due_at) VALUES (@id, @tenant_id, @now)", new { id, now });
        await MessageHistory.AppendAsync(db, id, MessageStatus.Queued, null, now);
        return true;
    }
}

using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Messaging.Queue;

/// <summary>The timeline of one message: each status it reached, when, and what the provider said.</summary>
internal static class MessageHistory
{
    public static Task AppendAsync(DbSession db, Guid messageId, string status, string? detail, DateTimeOffset at) =>
        db.ExecuteAsync(
            "INSERT INTO messaging_message_events (id, tenant_id, message_id, status, detail, at) VALUES (@id, @tenant_id, @messageId, @status, @detail, @at)",
            new { id = Guid.CreateVersion7(), messageId, status, detail, at });
}

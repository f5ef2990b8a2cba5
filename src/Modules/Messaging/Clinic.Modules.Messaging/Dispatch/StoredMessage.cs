using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Messaging.Channels;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>A queued message as the dispatcher reads it.</summary>
internal sealed class StoredMessage
{
    public Guid Id { get; init; }

    public string IdempotencyKey { get; init; } = "";

    public string Kind { get; init; } = "";

    public bool Urgent { get; init; }

    public Guid? ClientId { get; init; }

    public string? ToName { get; init; }

    public string? ToEmail { get; init; }

    public string? ToMobile { get; init; }

    public string Data { get; init; } = "{}";

    /// <summary>The sealed secret links, until the message is settled (<see cref="Queue.SecretLinks"/>).</summary>
    public string? Secrets { get; init; }

    public string? Channel { get; init; }

    public string? Recipient { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public string Status { get; init; } = "";

    public int Attempts { get; init; }

    public DateTimeOffset? AttemptStartedAt { get; init; }

    public IReadOnlyDictionary<string, string> Values =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Data) ?? [];

    public ChannelKind? ChannelKind => Enum.TryParse<ChannelKind>(Channel, out var kind) ? kind : null;

    public static Task<StoredMessage?> FindAsync(DbSession db, Guid id) =>
        db.QuerySingleOrDefaultAsync<StoredMessage>(
            """
            SELECT id AS Id, idempotency_key AS IdempotencyKey, kind AS Kind, urgent AS Urgent, client_id AS ClientId, to_name AS ToName,
                to_email AS ToEmail, to_mobile AS ToMobile, data AS Data, secrets AS Secrets, channel AS Channel, recipient AS Recipient, subject AS Subject,
                body AS Body, status AS Status, attempts AS Attempts, attempt_started_at AS AttemptStartedAt
            FROM messaging_messages
            WHERE tenant_id = @tenant_id AND id = @id
            """,
            new { id });
}

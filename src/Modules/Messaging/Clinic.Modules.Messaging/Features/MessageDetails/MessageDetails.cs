using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.MessageDetails;

/// <summary>One message: its words, where it went, and the timeline of what happened to it. Failed ones can be retried.</summary>
internal static class MessageDetails
{
    public const string AuditAction = "messages.viewed";
    public const string RetriedAction = "messages.retried";

    /// <summary>Retry failed messages and, later, answer clients.</summary>
    public const string SendPermission = "messages.send";

    internal sealed class Message
    {
        public Guid Id { get; init; }

        public string Kind { get; init; } = "";

        public Guid? ClientId { get; init; }

        public string Direction { get; init; } = "";

        public string? Channel { get; init; }

        public string? Recipient { get; init; }

        /// <summary>The words as kept; staff read <see cref="Subject"/> and <see cref="Body"/>, with secret links hidden.</summary>
        public string? KeptSubject { get; init; }

        public string? KeptBody { get; init; }

        public string? Subject => SecretLinks.Hide(KeptSubject, Kind);

        public string? Body => SecretLinks.Hide(KeptBody, Kind);

        public string Status { get; init; } = "";

        public string? StatusDetail { get; init; }

        public int Attempts { get; init; }

        public string? Provider { get; init; }

        public string? ProviderMessageId { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public string KindName => MessageKinds.NameOf(Kind);
    }

    internal sealed class Change
    {
        public string Status { get; init; } = "";

        public string? Detail { get; init; }

        public DateTimeOffset At { get; init; }
    }

    internal sealed record Page(Message Message, IReadOnlyList<Change> Timeline, TimeZoneInfo Zone);

    internal sealed class Handler(UnitOfWork work, ClinicTime clinicTime)
    {
        /// <summary>The message and its timeline, or null when this clinic has no such message; audited against its client.</summary>
        public async Task<Page?> LoadAsync(Guid id, CancellationToken ct)
        {
            var zone = await clinicTime.ZoneAsync(ct);
            return await work.ReadAsync(change => ReadAsync(change, id, zone), ct);
        }

        private static async Task<Page?> ReadAsync(BuildingBlocks.Work.Change change, Guid id, TimeZoneInfo zone)
        {
            var db = change.Db;
            var message = await db.QuerySingleOrDefaultAsync<Message>(
                """
                SELECT id AS Id, kind AS Kind, client_id AS ClientId, direction AS Direction, channel AS Channel, recipient AS Recipient,
                    subject AS KeptSubject, body AS KeptBody, status AS Status, status_detail AS StatusDetail, attempts AS Attempts,
                    provider AS Provider, provider_message_id AS ProviderMessageId, created_at AS CreatedAt
                FROM messaging_messages WHERE tenant_id = @tenant_id AND id = @id
                """,
                new { id });
            if (message is null)
                return null;

            var timeline = await db.QueryAsync<Change>(
                "SELECT status AS Status, detail AS Detail, at AS At FROM messaging_message_events WHERE tenant_id = @tenant_id AND message_id = @id ORDER BY at, id",
                new { id });
            change.Audit(new AuditEntry(AuditAction) { ClientId = message.ClientId, RecordId = id });
            return new Page(message, timeline, zone);
        }
    }

    /// <summary>The message to retry; its id comes from the route.</summary>
    internal sealed class Retry
    {
        public Guid Id { get; set; }
    }

    /// <summary>
    /// Puts a failed message back in the queue to be prepared afresh (so a corrected number or address is used); not
    /// found when this clinic has no such message, a conflict when it has not failed (it was retried meanwhile).
    /// </summary>
    internal sealed class RetryHandler(TimeProvider time) : ICommandHandler<Retry, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(Retry command, BuildingBlocks.Work.Change change)
        {
            var (id, now, db) = (command.Id, time.GetUtcNow(), change.Db);
            var message = await db.QuerySingleOrDefaultAsync<Found>("SELECT client_id AS ClientId FROM messaging_messages WHERE tenant_id = @tenant_id AND id = @id", new { id });
            if (message is null)
                return Outcome.NotFound;

            var retried = await db.ExecuteAsync(
                """
                UPDATE messaging_messages
                SET status = 'Queued', status_detail = NULL, attempts = 0, next_attempt_at = @now, channel = NULL, recipient = NULL,
                    subject = NULL, body = NULL, provider = NULL, provider_message_id = NULL, updated_at = @now
                WHERE tenant_id = @tenant_id AND id = @id AND status = 'Failed'
                """,
                new { id, now });
            if (retried == 0)
                return Outcome.Conflict("Only a failed message can be retried, and this one is no longer failed.");

            await db.ExecuteAsync("INSERT INTO messaging_due (message_id, tenant_id, due_at) VALUES (@id, @tenant_id, @now)", new { id, now });
            await MessageHistory.AppendAsync(db, id, MessageStatus.Queued, "retried by staff", now);
            change.Audit(new AuditEntry(RetriedAction) { ClientId = message.ClientId, RecordId = id });
            return true;
        }

        private sealed class Found
        {
            public Guid? ClientId { get; init; }
        }
    }
}

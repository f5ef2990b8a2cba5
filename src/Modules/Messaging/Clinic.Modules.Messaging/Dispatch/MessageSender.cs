using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Queue;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// Sends one queued message: prepares it, claims it (status Sending, with a lease) in one commit, calls the provider,
/// and records the answer in the next. A host that dies between the provider's answer and that commit leaves the
/// message Sending; once the lease runs out, the provider is asked whether it has the message before any re-send, and
/// a provider that cannot tell (SMTP) gets it again (ADR 0011). Secret links are put into the words only on their way
/// to the provider, and erased once the message is settled. Each commit is a unit of work of its own, and the provider
/// is called only between them: a transaction run again after a lost lock race never sends twice.
/// </summary>
internal sealed class MessageSender(
    TenantDb tenantDb, UnitOfWork work, MessagePreparer preparer, IChannelDirectory channels, DispatchSettings settings, SecretSeal seal, TimeProvider time)
{
    public async Task SendAsync(Guid messageId, CancellationToken ct)
    {
        StoredMessage? message;
        await using (var db = await tenantDb.ReadAsync(ct))
            message = await StoredMessage.FindAsync(db, messageId);

        var now = time.GetUtcNow();
        if (message is null)
            return;
        if (message.Status == MessageStatus.Sending)
        {
            if (message.AttemptStartedAt + settings.Lease <= now)
                await RecoverAsync(message, ct);
            return;
        }

        if (message.Status != MessageStatus.Queued)
        {
            await FinishAsync(message.Id, message.Status, null, ct);
            return;
        }

        switch (await preparer.PrepareAsync(message, now, ct))
        {
            case Preparation.Final final:
                await FinishAsync(message.Id, final.Status, final.Detail, ct);
                break;
            case Preparation.Deferred deferred:
                await DeferAsync(message.Id, deferred.Until, deferred.Reason, ct);
                break;
            case Preparation.Ready { Provider: null } outbox:
                await KeepAsync(message.Id, outbox, ct);
                break;
            case Preparation.Ready ready:
                await SendAgainOrFirstAsync(message, ready, ct);
                break;
        }
    }

    /// <summary>
    /// A retry sends the words of the first attempt, and first asks the provider whether the last attempt reached it
    /// after all (a timeout at Twilio may hide a message it took): then it is recorded as sent, not sent twice.
    /// </summary>
    private async Task SendAgainOrFirstAsync(StoredMessage message, Preparation.Ready ready, CancellationToken ct)
    {
        var provider = ready.Provider!;
        if (message.Attempts > 0 && message.Body is not null && message.ChannelKind == ready.Channel && message.AttemptStartedAt is { } previous)
        {
            ready = ready with { To = message.Recipient ?? ready.To, Subject = message.Subject, Body = message.Body };
            var last = new OutgoingMessage(
                message.Id, message.IdempotencyKey, ready.Channel, ready.To, ready.Links.Reveal(ready.Subject), ready.Links.Reveal(ready.Body), ready.UnsubscribeUrl, previous);
            if (await provider.FindSentAsync(last, ct) is SentCheck.Found found)
            {
                await SettleAsync(message.Id, message.Attempts, provider.Provider, new SendResult.Accepted(found.ProviderMessageId), ct);
                return;
            }
        }

        if (await ClaimAsync(message, ready, ct) is { } outgoing)
            await SettleAsync(message.Id, message.Attempts + 1, provider.Provider, await SendSafelyAsync(provider, outgoing, ct), ct);
    }

    private static async Task<SendResult> SendSafelyAsync(IMessageChannel provider, OutgoingMessage outgoing, CancellationToken ct)
    {
        try
        {
            return await provider.SendAsync(outgoing, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new SendResult.Transient(e.Message);
        }
    }

    /// <summary>Stores the words and marks the attempt in one commit; null when another dispatcher claimed it first.</summary>
    private async Task<OutgoingMessage?> ClaimAsync(StoredMessage message, Preparation.Ready ready, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var claimed = await work.RunAsync<bool>(change => ClaimAsync(change.Db, message, ready, now), ct);
        if (!claimed.Value)
            return null;

        return new OutgoingMessage(
            message.Id,
            message.IdempotencyKey,
            ready.Channel,
            ready.To,
            ready.Links.Reveal(ready.Subject),
            ready.Links.Reveal(ready.Body),
            ready.Channel == ChannelKind.Email ? ready.UnsubscribeUrl : null,
            now);
    }

    private async Task<Outcome<bool>> ClaimAsync(DbSession db, StoredMessage message, Preparation.Ready ready, DateTimeOffset now)
    {
        var claimed = await db.ExecuteAsync(
            """
            UPDATE messaging_messages
            SET status = 'Sending', attempts = attempts + 1, attempt_started_at = @now, channel = @channel, recipient = @to, language = @language,
                subject = @subject, body = @body, provider = @provider, status_detail = NULL, updated_at = @now
            WHERE tenant_id = @tenant_id AND id = @id AND status = 'Queued'
            """,
            new { id = message.Id, now, channel = ready.Channel.ToString(), to = ready.To, language = ready.Language, subject = ready.Subject, body = ready.Body, provider = ready.Provider!.Provider });
        if (claimed == 0)
            return false;

        await db.ExecuteAsync("UPDATE messaging_due SET due_at = @until WHERE tenant_id = @tenant_id AND message_id = @id", new { id = message.Id, until = now + settings.Lease });
        await MessageHistory.AppendAsync(db, message.Id, MessageStatus.Sending, $"{ready.Channel} to {ready.To} via {ready.Provider.Provider}", now);
        return true;
    }

    private async Task SettleAsync(Guid id, int attempts, string provider, SendResult result, CancellationToken ct) =>
        await work.RunAsync<bool>(change => SettleAsync(change.Db, id, attempts, provider, result), ct);

    private async Task<Outcome<bool>> SettleAsync(DbSession db, Guid id, int attempts, string provider, SendResult result)
    {
        var now = time.GetUtcNow();
        switch (result)
        {
            case SendResult.Accepted accepted:
                await SetAsync(db, id, MessageStatus.Sent, null, accepted.ProviderMessageId, now);
                await MessageHistory.AppendAsync(db, id, MessageStatus.Sent, $"{provider} id {accepted.ProviderMessageId}", now);
                await db.ExecuteAsync("DELETE FROM messaging_due WHERE tenant_id = @tenant_id AND message_id = @id", new { id });
                break;
            case SendResult.Transient transient when attempts < settings.MaxAttempts:
                var next = now + settings.Backoff(attempts, transient.RetryAfter);
                await SetAsync(db, id, MessageStatus.Queued, transient.Error, null, now, next);
                await MessageHistory.AppendAsync(db, id, MessageStatus.Queued, $"will retry: {transient.Error}", now);
                await db.ExecuteAsync("UPDATE messaging_due SET due_at = @next WHERE tenant_id = @tenant_id AND message_id = @id", new { id, next });
                break;
            case SendResult.Transient transient:
                await FailAsync(db, id, $"gave up after {attempts} attempts: {transient.Error}", now);
                break;
            case SendResult.Permanent permanent:
                await FailAsync(db, id, permanent.Error, now);
                break;
        }

        return true;
    }

    /// <summary>
    /// The last attempt never recorded an answer: ask the provider before sending again. Where the provider keeps no
    /// record (SMTP), the message is sent again under the same Message-ID: a duplicate is visible and harmless, a
    /// reminder that never arrives costs a no-show. Each interruption is counted on the message for the log.
    /// </summary>
    private async Task RecoverAsync(StoredMessage message, CancellationToken ct)
    {
        var provider = message.ChannelKind is { } kind ? await channels.FindAsync(kind, ct) : null;
        var links = SecretLinks.Open(message.Secrets, seal);
        var check = provider is null
            ? null
            : await provider.FindSentAsync(
                new OutgoingMessage(
                    message.Id, message.IdempotencyKey, provider.Kind, message.Recipient!, links.Reveal(message.Subject), links.Reveal(message.Body!), null,
                    message.AttemptStartedAt!.Value),
                ct);
        await work.RunAsync<bool>(change => RecoverAsync(change.Db, message, provider, check), ct);
    }

    private async Task<Outcome<bool>> RecoverAsync(DbSession db, StoredMessage message, IMessageChannel? provider, SentCheck? check)
    {
        var now = time.GetUtcNow();
        var resending = check is SentCheck.CannotTell ? 1 : 0;
        var recovered = await db.ExecuteAsync(
            """
            UPDATE messaging_messages
            SET interrupted_attempts = interrupted_attempts + 1, unconfirmed_resends = unconfirmed_resends + @resending, updated_at = @now
            WHERE tenant_id = @tenant_id AND id = @id AND status = 'Sending' AND attempts = @attempts
            """,
            new { id = message.Id, attempts = message.Attempts, resending, now });
        if (recovered == 0)
            return false; // another dispatcher recovered this attempt first

        switch (check)
        {
            case null:
                await FailAsync(db, message.Id, "interrupted, and its channel is no longer configured", now);
                break;
            case SentCheck.Found found:
                await SetAsync(db, message.Id, MessageStatus.Sent, null, found.ProviderMessageId, now);
                await MessageHistory.AppendAsync(db, message.Id, MessageStatus.Sent, $"found at {provider!.Provider} after an interrupted attempt: id {found.ProviderMessageId}", now);
                await db.ExecuteAsync("DELETE FROM messaging_due WHERE tenant_id = @tenant_id AND message_id = @id", new { id = message.Id });
                break;
            case SentCheck.NotFound:
                await QueueAgainAsync(db, message.Id, "interrupted before the provider took it", "interrupted before the provider took it; sending again", now);
                break;
            case SentCheck.CannotTell:
                await QueueAgainAsync(
                    db,
                    message.Id,
                    "interrupted; sent again in case it was lost",
                    $"interrupted, and {provider!.Provider} cannot say whether it took the message; sending again with the same Message-ID, so the client may get it twice",
                    now);
                break;
            case SentCheck.Unknown unknown:
                await FailAsync(db, message.Id, $"interrupted; it may have been sent ({unknown.Reason}). Check with the client before retrying", now);
                break;
        }

        return true;
    }

    private static async Task QueueAgainAsync(DbSession db, Guid id, string detail, string history, DateTimeOffset now)
    {
        await SetAsync(db, id, MessageStatus.Queued, detail, null, now);
        await MessageHistory.AppendAsync(db, id, MessageStatus.Queued, history, now);
        await db.ExecuteAsync("UPDATE messaging_due SET due_at = @now WHERE tenant_id = @tenant_id AND message_id = @id", new { id, now });
    }

    /// <summary>Makes the message a dead letter after an unexpected error, so it stops coming round.</summary>
    public async Task GiveUpAsync(Guid id, string reason, CancellationToken ct) =>
        await work.RunAsync<bool>(
            async change =>
            {
                await FailAsync(change.Db, id, reason, time.GetUtcNow());
                return true;
            },
            ct);

    private async Task DeferAsync(Guid id, DateTimeOffset until, string reason, CancellationToken ct) =>
        await work.RunAsync<bool>(
            async change =>
            {
                await SetAsync(change.Db, id, MessageStatus.Queued, reason, null, time.GetUtcNow(), until);
                await change.Db.ExecuteAsync("UPDATE messaging_due SET due_at = @until WHERE tenant_id = @tenant_id AND message_id = @id", new { id, until });
                return true;
            },
            ct);

    /// <summary>Outbox only: the words are kept and shown in the log, marked not sent.</summary>
    private async Task KeepAsync(Guid id, Preparation.Ready ready, CancellationToken ct) =>
        await work.RunAsync<bool>(change => KeepAsync(change.Db, id, ready), ct);

    private async Task<Outcome<bool>> KeepAsync(DbSession db, Guid id, Preparation.Ready ready)
    {
        var now = time.GetUtcNow();
        await db.ExecuteAsync(
            """
            UPDATE messaging_messages
            SET status = 'NotSent', status_detail = 'no channel configured', channel = @channel, recipient = @to, language = @language,
                subject = @subject, body = @body, secrets = NULL, updated_at = @now
            WHERE tenant_id = @tenant_id AND id = @id AND status = 'Queued'
            """,
            new { id, now, channel = ready.Channel.ToString(), to = ready.To, language = ready.Language, subject = ready.Subject, body = ready.Body });
        await MessageHistory.AppendAsync(db, id, MessageStatus.NotSent, "no channel configured", now);
        await db.ExecuteAsync("DELETE FROM messaging_due WHERE tenant_id = @tenant_id AND message_id = @id", new { id });
        return true;
    }

    private async Task FinishAsync(Guid id, string status, string? detail, CancellationToken ct) =>
        await work.RunAsync<bool>(change => FinishAsync(change.Db, id, status, detail), ct);

    private async Task<Outcome<bool>> FinishAsync(DbSession db, Guid id, string status, string? detail)
    {
        var now = time.GetUtcNow();
        if (detail is not null)
        {
            await SetAsync(db, id, status, detail, null, now);
            await MessageHistory.AppendAsync(db, id, status, detail, now);
        }

        await db.ExecuteAsync("DELETE FROM messaging_due WHERE tenant_id = @tenant_id AND message_id = @id", new { id });
        return true;
    }

    private static async Task FailAsync(DbSession db, Guid id, string reason, DateTimeOffset now)
    {
        await SetAsync(db, id, MessageStatus.Failed, reason, null, now);
        await MessageHistory.AppendAsync(db, id, MessageStatus.Failed, reason, now);
        await db.ExecuteAsync("DELETE FROM messaging_due WHERE tenant_id = @tenant_id AND message_id = @id", new { id });
    }

    // Optional columns are chosen here rather than with COALESCE over a null parameter, which PostgreSQL cannot type.
    // A settled message will not be sent again, so its secret links go in the same commit (ADR 0018).
    private static Task<int> SetAsync(DbSession db, Guid id, string status, string? detail, string? providerId, DateTimeOffset now, DateTimeOffset? next = null) =>
        db.ExecuteAsync(
            $"""
            UPDATE messaging_messages
            SET status = @status, status_detail = @detail, updated_at = @now
                {(providerId is null ? "" : ", provider_message_id = @providerId")}{(next is null ? "" : ", next_attempt_at = @next")}{(MessageStatus.Settled(status) ? ", secrets = NULL" : "")}
            WHERE tenant_id = @tenant_id AND id = @id
            """,
            new { id, status, detail, providerId, now, next = next ?? now });
}

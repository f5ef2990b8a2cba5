using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Inbound;

/// <summary>What a client's SMS or WhatsApp message did.</summary>
internal enum InboundOutcome
{
    Recorded,
    Duplicate,
    OptedOut,
    OptedIn,
    Confirmed,
    CallbackRequested,
}

/// <summary>
/// A message a client sent: kept on their thread, and acted on when it is a keyword. STOP and START change the consent
/// for that channel in the client's consent history; C or CONFIRM confirms the appointment they were last reminded
/// of; R asks reception to call back.
/// </summary>
internal sealed class InboundMessages(TenantDb tenantDb, UnitOfWork work, IClientReach clients, IAppointmentReplies replies, TimeProvider time)
{
    public const string ReceivedAction = "messages.received";

    private static readonly string[] StopWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
    private static readonly string[] StartWords = ["START", "UNSTOP"];
    private static readonly string[] ConfirmWords = ["C", "CONFIRM"];

    public async Task<InboundOutcome> ReceiveAsync(ChannelKind channel, string from, string body, string provider, string providerMessageId, CancellationToken ct)
    {
        var mobile = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? from["whatsapp:".Length..] : from;
        var client = await clients.FindByMobileAsync(mobile, ct);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        var kept = await work.RunAsync<bool>(change => KeepAsync(change, new Kept(id, channel, mobile, client?.Id, body, provider, providerMessageId, now)), ct);
        if (!kept.Value)
            return InboundOutcome.Duplicate;

        if (client is null)
            return InboundOutcome.Recorded;

        var word = Keyword(body);
        var contact = channel == ChannelKind.WhatsApp ? ContactChannel.WhatsApp : ContactChannel.Sms;
        if (StopWords.Contains(word, StringComparer.Ordinal))
            return await clients.ChangeConsentAsync(client.Id, contact, false, $"Replied {word}", ct) ? InboundOutcome.OptedOut : InboundOutcome.Recorded;
        if (StartWords.Contains(word, StringComparer.Ordinal))
            return await clients.ChangeConsentAsync(client.Id, contact, true, $"Replied {word}", ct) ? InboundOutcome.OptedIn : InboundOutcome.Recorded;
        if (ConfirmWords.Contains(word, StringComparer.Ordinal))
            return await LastRemindedAsync(client.Id, ct) is { } appointment && await replies.ConfirmAsync(client.Id, appointment, channel.ToString(), ct)
                ? InboundOutcome.Confirmed
                : InboundOutcome.Recorded;
        if (word == "R")
            return await AskForCallbackAsync(client.Id, id, now, ct);
        return InboundOutcome.Recorded;
    }

    private sealed record Kept(Guid Id, ChannelKind Channel, string Mobile, Guid? ClientId, string Body, string Provider, string ProviderMessageId, DateTimeOffset Now);

    /// <summary>Keeps the message on the client's thread; false when the provider sent it before (one message per provider id).</summary>
    private static async Task<Outcome<bool>> KeepAsync(Change change, Kept message)
    {
        var added = await change.Db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, to_mobile, data, channel,
                recipient, body, status, attempts, next_attempt_at, provider, provider_message_id, created_at, updated_at)
            SELECT @id, @tenant_id, @key, @kind, 'transactional', FALSE, 'in', @clientId, @mobile, '{}', @channel, @mobile, @body, 'Received', 0, @now,
                @provider, @providerMessageId, @now, @now
            WHERE NOT EXISTS (SELECT 1 FROM messaging_messages WHERE tenant_id = @tenant_id AND idempotency_key = @key)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                id = message.Id, key = $"inbound:{message.Provider}:{message.ProviderMessageId}", kind = MessageKinds.Inbound.Key, clientId = message.ClientId,
                mobile = message.Mobile, channel = message.Channel.ToString(), body = message.Body, now = message.Now, provider = message.Provider,
                providerMessageId = message.ProviderMessageId,
            });
        if (added == 0)
            return false;

        await MessageHistory.AppendAsync(change.Db, message.Id, MessageStatus.Received, $"from {message.Mobile}", message.Now);
        change.Audit(new AuditEntry(ReceivedAction) { ClientId = message.ClientId, RecordId = message.Id });
        return true;
    }

    /// <summary>Whether a client's message withdraws their consent for the channel it came on.</summary>
    public static bool IsStop(string body) => StopWords.Contains(Keyword(body), StringComparer.Ordinal);

    private static string Keyword(string body) => body.Trim().TrimEnd('.', '!').ToUpperInvariant();

    /// <summary>The appointment of the newest reminder sent to the client.</summary>
    private async Task<Guid?> LastRemindedAsync(Guid clientId, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var data = await db.QuerySingleOrDefaultAsync<string>(
            """
            SELECT data FROM messaging_messages
            WHERE tenant_id = @tenant_id AND client_id = @clientId AND kind = @kind AND direction = 'out'
            ORDER BY created_at DESC, id DESC
            LIMIT 1
            """,
            new { clientId, kind = MessageKinds.Reminder.Key });
        var values = data is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(data);
        return values?.GetValueOrDefault(MessageValues.AppointmentId) is { } raw && Guid.TryParse(raw, out var appointment) ? appointment : null;
    }

    private async Task<InboundOutcome> AskForCallbackAsync(Guid clientId, Guid messageId, DateTimeOffset now, CancellationToken ct)
    {
        await work.RunAsync<bool>(
            async change =>
            {
                await change.Db.ExecuteAsync(
                    "INSERT INTO messaging_callbacks (id, tenant_id, client_id, message_id, requested_at) VALUES (@id, @tenant_id, @clientId, @messageId, @now)",
                    new { id = Guid.CreateVersion7(), clientId, messageId, now });
                return true;
            },
            ct);
        return InboundOutcome.CallbackRequested;
    }
}

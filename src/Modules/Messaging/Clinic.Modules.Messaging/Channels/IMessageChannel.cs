namespace Clinic.Modules.Messaging.Channels;

/// <summary>How a message reaches a client.</summary>
internal enum ChannelKind
{
    Email,
    Sms,
    WhatsApp,
}

/// <summary>
/// A rendered message ready for a provider. <see cref="To"/> is an email address, or a mobile number in E.164 (the
/// WhatsApp channel adds Twilio's <c>whatsapp:</c> prefix itself). <see cref="UnsubscribeUrl"/> is set on marketing
/// email, which must carry List-Unsubscribe headers.
/// </summary>
internal sealed record OutgoingMessage(
    Guid MessageId,
    string IdempotencyKey,
    ChannelKind Channel,
    string To,
    string? Subject,
    string Body,
    string? UnsubscribeUrl,
    DateTimeOffset AttemptStartedAt);

/// <summary>What a provider said to one send.</summary>
internal abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>The provider took the message; its id is kept so callbacks and reconciliation can find it.</summary>
    public sealed record Accepted(string ProviderMessageId) : SendResult;

    /// <summary>Worth trying again later: 429, 5xx, a timeout, a dropped connection.</summary>
    public sealed record Transient(string Error, TimeSpan? RetryAfter = null) : SendResult;

    /// <summary>Never worth retrying as it is: an invalid number, an unsubscribed recipient, bad credentials.</summary>
    public sealed record Permanent(string Error) : SendResult;
}

/// <summary>Whether an attempt that was interrupted after the provider call (the host died) reached the provider.</summary>
internal abstract record SentCheck
{
    private SentCheck()
    {
    }

    public sealed record Found(string ProviderMessageId) : SentCheck;

    /// <summary>The provider has no such message: sending again cannot duplicate it.</summary>
    public sealed record NotFound : SentCheck;

    /// <summary>The provider could not be asked (Twilio's list failed): a person must decide whether to send again.</summary>
    public sealed record Unknown(string Reason) : SentCheck;

    /// <summary>
    /// The provider keeps no record to ask (SMTP), but a second copy carries the first one's Message-ID: sending again
    /// risks a visible duplicate, never a silent loss.
    /// </summary>
    public sealed record CannotTell : SentCheck;
}

/// <summary>One configured provider for one kind of channel, for the current clinic.</summary>
internal interface IMessageChannel
{
    ChannelKind Kind { get; }

    /// <summary>The provider's name as the message log shows it: "smtp", "resend" or "twilio".</summary>
    string Provider { get; }

    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct);

    /// <summary>
    /// Asked before re-sending a message whose last attempt never recorded an outcome, so that a crash between the
    /// provider's answer and the commit never sends twice.
    /// </summary>
    Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>The current clinic's configured channels; a kind with nothing configured is absent (outbox only).</summary>
internal interface IChannelDirectory
{
    Task<IMessageChannel?> FindAsync(ChannelKind kind, CancellationToken ct);
}

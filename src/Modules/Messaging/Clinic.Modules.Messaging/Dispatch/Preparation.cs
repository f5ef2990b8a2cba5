using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Queue;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>What the dispatcher should do with a queued message now.</summary>
internal abstract record Preparation
{
    private Preparation()
    {
    }

    /// <summary>
    /// Rendered for a recipient on a channel; <see cref="Provider"/> is null when the clinic has none configured (outbox
    /// only). <see cref="Subject"/> and <see cref="Body"/> are the words as kept, with secret links that only
    /// <see cref="Links"/> reveals. <see cref="UnsubscribeUrl"/> is set on marketing to a client.
    /// </summary>
    public sealed record Ready(
        ChannelKind Channel,
        IMessageChannel? Provider,
        string To,
        string Language,
        string? Subject,
        string Body,
        SecretLinks Links,
        string? UnsubscribeUrl = null) : Preparation;

    /// <summary>Not yet: quiet hours.</summary>
    public sealed record Deferred(DateTimeOffset Until, string Reason) : Preparation;

    /// <summary>Never: <see cref="Status"/> is Failed (a dead letter staff can retry) or Skipped (on purpose).</summary>
    public sealed record Final(string Status, string Detail) : Preparation;
}

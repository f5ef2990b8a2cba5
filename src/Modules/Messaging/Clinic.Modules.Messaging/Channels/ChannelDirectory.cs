using System.Collections.Concurrent;
using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>
/// The current clinic's channels, built from its saved settings; a kind with nothing saved is outbox only. Each kind is
/// read and decrypted once per scope: a dispatch batch sends hundreds of messages through the same few channels, and
/// a settings change applies from the next batch (docs/performance.md, message dispatch).
/// </summary>
internal sealed class ChannelDirectory(ChannelSettingsStore store, ChannelOptions options, OutboundAddresses outbound, ResendApi resend, TwilioApi twilio) : IChannelDirectory
{
    private readonly ConcurrentDictionary<ChannelKind, IMessageChannel?> _found = new();

    public async Task<IMessageChannel?> FindAsync(ChannelKind kind, CancellationToken ct)
    {
        if (_found.TryGetValue(kind, out var known))
            return known;

        var channel = await LoadAsync(kind, ct);
        _found.TryAdd(kind, channel);
        return channel;
    }

    private async Task<IMessageChannel?> LoadAsync(ChannelKind kind, CancellationToken ct)
    {
        if (await store.LoadWithSecretAsync(kind, ct) is not var (setup, secret, unreadable))
            return null;
        if (unreadable)
            return new UnreadableSecretChannel(kind, setup.Provider);

        var f = setup.Fields;
        return setup.Provider switch
        {
            Providers.Smtp => new SmtpChannel(new SmtpAccount(f.Host!, f.Port ?? 25, f.StartTls, f.User, secret, f.FromAddress!, f.FromName), options, outbound),
            Providers.Resend => new ResendChannel(new ResendAccount(secret ?? "", f.FromAddress!, f.FromName), resend),
            Providers.Twilio => new TwilioChannel(kind, new TwilioAccount(f.AccountSid!, secret ?? "", f.FromNumber!, Uri.TryCreate(f.StatusCallbackUrl, UriKind.Absolute, out var callback) ? callback : null), twilio),
            _ => null,
        };
    }

    /// <summary>
    /// Settings whose secret the key ring can no longer decrypt (keys lost or rotated out): every send fails with a
    /// reason the owner can act on, rather than the clinic silently falling back to outbox only.
    /// </summary>
    private sealed class UnreadableSecretChannel(ChannelKind kind, string provider) : IMessageChannel
    {
        private const string Reason = "The saved password or key for this channel can no longer be read. Enter it again under Messages › Channels.";

        public ChannelKind Kind => kind;

        public string Provider => provider;

        public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult<SendResult>(new SendResult.Permanent(Reason));

        public Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult<SentCheck>(new SentCheck.Unknown(Reason));
    }
}

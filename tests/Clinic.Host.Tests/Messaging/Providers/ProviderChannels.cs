using Clinic.Modules.Messaging.Channels;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>Channels built the way the app builds them, pointed at local fakes, with short waits so tests stay quick.</summary>
internal static class ProviderChannels
{
    public static ChannelOptions Options(Uri? resend = null, Uri? twilio = null) => new()
    {
        ResendBaseUrl = resend ?? new ChannelOptions().ResendBaseUrl,
        TwilioBaseUrl = twilio ?? new ChannelOptions().TwilioBaseUrl,
        AttemptTimeout = TimeSpan.FromSeconds(3),
        Retries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        LongestInProcessWait = TimeSpan.FromSeconds(2),
    };

    public static OutgoingMessage Message(ChannelKind kind, string to, string body = "Your appointment is tomorrow at 10:00.", string? unsubscribe = null) =>
        new(Guid.CreateVersion7(), $"appointment reminder 24h/{Guid.NewGuid()}/1", kind, to, kind == ChannelKind.Email ? "Your appointment tomorrow" : null, body, unsubscribe, DateTimeOffset.UtcNow);
}

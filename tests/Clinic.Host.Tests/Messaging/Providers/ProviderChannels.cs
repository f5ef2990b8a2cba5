using Clinic.Modules.Messaging.Channels;
using Clinic.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>Channels built the way the app builds them, pointed at local fakes, with short waits so tests stay quick.</summary>
internal static class ProviderChannels
{
    /// <summary>The instant these tests, which have no app, call now: where an app's clock starts.</summary>
    public static readonly DateTimeOffset Now = ClinicApp.ClockStart;

    /// <summary>The retry pipelines, with the clock standing at <see cref="Now"/>.</summary>
    public static ChannelResilience Resilience(Uri? resend = null, Uri? twilio = null) => new(Options(resend, twilio), new FakeTimeProvider(Now));

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
        new(Guid.CreateVersion7(), $"appointment reminder 24h/{Guid.NewGuid()}/1", kind, to, kind == ChannelKind.Email ? "Your appointment tomorrow" : null, body, unsubscribe, Now);
}

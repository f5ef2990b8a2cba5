using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>
/// Where the providers are and how long to wait for them (<c>Clinic:Messaging:Channels</c>). The base addresses are
/// settings so that tests, and a clinic behind an egress proxy, can point them elsewhere.
/// </summary>
internal sealed record ChannelOptions
{
    public const string Section = "Clinic:Messaging:Channels";

    public Uri ResendBaseUrl { get; init; } = new("https://api.resend.com/");

    public Uri TwilioBaseUrl { get; init; } = new("https://api.twilio.com/");

    /// <summary>How long one provider call (or one SMTP conversation) may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries inside one dispatch attempt, on top of the first try; the dispatcher retries later ones.</summary>
    public int Retries { get; init; } = 2;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A Retry-After longer than this is handed to the dispatcher rather than waited out in-process.</summary>
    public TimeSpan LongestInProcessWait { get; init; } = TimeSpan.FromSeconds(5);

    public static ChannelOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new ChannelOptions();
        return new ChannelOptions
        {
            ResendBaseUrl = section.GetValue<Uri?>(nameof(ResendBaseUrl)) ?? defaults.ResendBaseUrl,
            TwilioBaseUrl = section.GetValue<Uri?>(nameof(TwilioBaseUrl)) ?? defaults.TwilioBaseUrl,
            AttemptTimeout = section.GetValue<TimeSpan?>(nameof(AttemptTimeout)) ?? defaults.AttemptTimeout,
            Retries = section.GetValue<int?>(nameof(Retries)) ?? defaults.Retries,
            RetryDelay = section.GetValue<TimeSpan?>(nameof(RetryDelay)) ?? defaults.RetryDelay,
            LongestInProcessWait = section.GetValue<TimeSpan?>(nameof(LongestInProcessWait)) ?? defaults.LongestInProcessWait,
        };
    }
}

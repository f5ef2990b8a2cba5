using Microsoft.Extensions.Configuration;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// How the dispatcher works: attempts before a message becomes a dead letter, how long an attempt may go unanswered
/// before it counts as interrupted, and how many messages are in flight at once.
/// </summary>
internal sealed record DispatchSettings(int MaxAttempts, TimeSpan Lease, int InFlight, TimeSpan FirstRetry)
{
    public const string Section = "Clinic:Messaging";

    public static DispatchSettings From(IConfiguration configuration) => new(
        HostSettings.ParseCount(configuration, Section + ":MaxAttempts", 8, min: 1, max: 50),
        HostSettings.ParseDuration(configuration, Section + ":SendingLease", TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
        HostSettings.ParseCount(configuration, Section + ":InFlight", 8, min: 1, max: 64),
        HostSettings.ParseDuration(configuration, Section + ":FirstRetry", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));

    /// <summary>Exponential back-off from <see cref="FirstRetry"/>, doubling per attempt, capped at six hours; a provider's Retry-After wins when longer.</summary>
    public TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var doubled = FirstRetry * Math.Pow(2, Math.Min(attempts - 1, 20));
        var wait = doubled > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : doubled;
        return retryAfter is { } asked && asked > wait ? asked : wait;
    }
}

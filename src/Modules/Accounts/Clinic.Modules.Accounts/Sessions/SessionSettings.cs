using Clinic.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>
/// How long a session lives: ended after the idle timeout without a request, and at the absolute limit regardless.
/// Sensitive actions ask for the password again once the last proof is older than the confirmation window.
/// </summary>
internal sealed record SessionSettings(TimeSpan IdleTimeout, TimeSpan AbsoluteLifetime, TimeSpan ConfirmationWindow)
{
    public const string IdleTimeoutKey = "Clinic:Sessions:IdleTimeout";
    public const string AbsoluteLifetimeKey = "Clinic:Sessions:AbsoluteLifetime";
    public const string ConfirmationWindowKey = "Clinic:Sessions:ConfirmationWindow";

    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DefaultAbsoluteLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan DefaultConfirmationWindow = TimeSpan.FromMinutes(5);

    /// <summary>A session seen more recently than this is not written again: no write per request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public const string IdleTimedOut = "idle timeout";
    public const string LifetimeReached = "absolute limit";

    /// <summary>Null while a live session may go on at <paramref name="now"/>; otherwise the limit it reached.</summary>
    public string? LimitReached(DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        now >= expiresAt ? LifetimeReached
        : now - lastSeenAt >= IdleTimeout ? IdleTimedOut
        : null;

    public static SessionSettings From(IConfiguration configuration)
    {
        var idle = ParseDuration(configuration, IdleTimeoutKey, DefaultIdleTimeout);
        var absolute = ParseDuration(configuration, AbsoluteLifetimeKey, DefaultAbsoluteLifetime);
        if (idle < TouchInterval + TouchInterval)
            throw new ClinicConfigurationException(IdleTimeoutKey, $"at least 00:02:00 (got \"{configuration[IdleTimeoutKey]}\")");
        if (absolute < idle)
            throw new ClinicConfigurationException(AbsoluteLifetimeKey, $"at least {IdleTimeoutKey} (got \"{configuration[AbsoluteLifetimeKey]}\")");
        var confirmation = ParseDuration(configuration, ConfirmationWindowKey, DefaultConfirmationWindow);
        return new SessionSettings(idle, absolute, confirmation);
    }

    private static TimeSpan ParseDuration(IConfiguration configuration, string key, TimeSpan defaultValue) =>
        Settings.ParseDuration(configuration, key, defaultValue, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
}

using Clinic.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Accounts.SignInProtection;

/// <summary>A limit of so many permits per window.</summary>
internal sealed record RateLimit(int PermitLimit, TimeSpan Window);

/// <summary>
/// The numbers behind lockout and sign-in rate limits. Lockout stops password guessing against one account; the rate
/// limits stop one address hammering many accounts, and cap the hashing work any one account can cause.
/// </summary>
internal sealed record SignInSettings(int MaxFailedAttempts, TimeSpan FailureWindow, TimeSpan LockoutDuration, RateLimit PerIp, RateLimit PerAccount)
{
    public const string MaxFailedAttemptsKey = "Clinic:SignIn:MaxFailedAttempts";
    public const string FailureWindowKey = "Clinic:SignIn:FailureWindow";
    public const string LockoutDurationKey = "Clinic:SignIn:LockoutDuration";
    public const string PerIpKey = "Clinic:RateLimits:SignInPerIp";
    public const string PerAccountKey = "Clinic:RateLimits:SignInPerAccount";

    public static SignInSettings From(IConfiguration configuration) => new(
        ParseCount(configuration, MaxFailedAttemptsKey, 5),
        ParseDuration(configuration, FailureWindowKey, TimeSpan.FromMinutes(15)),
        ParseDuration(configuration, LockoutDurationKey, TimeSpan.FromMinutes(15)),
        // A clinic's staff share one address behind its router; the limits leave room for a busy morning.
        new RateLimit(ParseCount(configuration, PerIpKey + ":PermitLimit", 60), ParseDuration(configuration, PerIpKey + ":Window", TimeSpan.FromMinutes(1))),
        new RateLimit(ParseCount(configuration, PerAccountKey + ":PermitLimit", 30), ParseDuration(configuration, PerAccountKey + ":Window", TimeSpan.FromMinutes(15))));

    private static int ParseCount(IConfiguration configuration, string key, int defaultValue) =>
        Settings.ParseCount(configuration, key, defaultValue, min: 1, max: 10_000);

    private static TimeSpan ParseDuration(IConfiguration configuration, string key, TimeSpan defaultValue) =>
        Settings.ParseDuration(configuration, key, defaultValue, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
}

using System.Globalization;
using System.Threading.RateLimiting;
using Clinic.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Booking.Features.CalendarFeed;

/// <summary>
/// Fetches per feed token: calendar apps poll every few hours, and each fetch writes an audit entry, so a leaked URL
/// hammered in a loop must not flood the audit trail. Per token, not per address: Google fetches every subscriber's
/// feed from the same few addresses. Tokens cannot be guessed, so unknown ones need no limit of their own.
/// </summary>
internal sealed class CalendarFeedPerToken(CalendarFeedPerToken.Limits limits) : IRateLimiterPolicy<string>
{
    public const string Policy = "calendar-feed-per-token";
    public const string Key = "Clinic:RateLimits:CalendarFeedPerToken";

    internal sealed record Limits(int PermitLimit, TimeSpan Window)
    {
        public static Limits From(IConfiguration configuration) => new(
            HostSettings.ParseCount(configuration, Key + ":PermitLimit", 30, min: 1, max: 10_000),
            HostSettings.ParseDuration(configuration, Key + ":Window", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.Window;
        response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };

    // The limiter is keyed by the token's hash, so the in-memory table holds no usable secret.
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        httpContext.Request.RouteValues["token"] is string { Length: > 0 and <= CalendarFeed.MaxTokenLength } token
            ? RateLimitPartition.GetFixedWindowLimiter("token:" + SecretToken.Hash(token), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("not-a-token");
}

using System.Threading.RateLimiting;
using Clinic.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Cookies.Features.CountPageView;

/// <summary>
/// Page-view beacons per client address, held only in the limiter's memory for the window and never stored. A
/// clinic's waiting room may share one address, so the default is generous; past it, views go uncounted (429).
/// </summary>
internal sealed class AnalyticsPerIp(IConfiguration configuration) : IRateLimiterPolicy<string>
{
    public const string Policy = "analytics-view-per-ip";
    public const string Key = "Clinic:RateLimits:AnalyticsViewPerIp";

    private readonly int _permits = Settings.ParseCount(configuration, Key + ":PermitLimit", 120, min: 1, max: 100_000);
    private readonly TimeSpan _window = Settings.ParseDuration(configuration, Key + ":Window", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter("ip:" + httpContext.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _permits,
            Window = _window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

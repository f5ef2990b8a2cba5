using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Booking.Features.OnlineBooking;

/// <summary>
/// How many times an anonymous visitor may hold, so that nobody can hold every free slot: holds per address and per
/// visitor (<see cref="Visitor"/>) within a window, in memory like the other rate limits, and a cap on the holds one
/// visitor keeps at once (holding another gives back their oldest). A bad setting stops start-up with its key.
/// </summary>
internal sealed class HoldLimits : IDisposable
{
    public const string PerIpKey = "Clinic:RateLimits:OnlineHoldPerIp";
    public const string PerVisitorKey = "Clinic:RateLimits:OnlineHoldPerVisitor";
    public const string LiveHoldsKey = "Clinic:Booking:LiveHoldsPerVisitor";

    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly TimeSpan _longestWindow;

    private HoldLimits((int Permits, TimeSpan Window) perIp, (int Permits, TimeSpan Window) perVisitor, int liveHolds)
    {
        LiveHoldsPerVisitor = liveHolds;
        _longestWindow = perIp.Window > perVisitor.Window ? perIp.Window : perVisitor.Window;
        // Limiters are cached by key, so the unlimited partition needs a key no address or visitor can have.
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(http => FixedWindow("ip:" + http.Connection.RemoteIpAddress, perIp)),
            PartitionedRateLimiter.Create<HttpContext, string>(http => Visitor.Of(http) is { } visitor
                ? FixedWindow("visitor:" + visitor.Hash, perVisitor)
                : RateLimitPartition.GetNoLimiter("no visitor yet")));
    }

    /// <summary>The most holds one visitor keeps at once.</summary>
    public int LiveHoldsPerVisitor { get; }

    public static HoldLimits From(IConfiguration configuration) => new(
        // A household or an office may share an address; one person trying times rarely holds more than a few.
        (HostSettings.ParseCount(configuration, PerIpKey + ":PermitLimit", 30, min: 1, max: 100_000), WindowOf(configuration, PerIpKey)),
        (HostSettings.ParseCount(configuration, PerVisitorKey + ":PermitLimit", 10, min: 1, max: 100_000), WindowOf(configuration, PerVisitorKey)),
        HostSettings.ParseCount(configuration, LiveHoldsKey, 2, min: 1, max: 20));

    /// <summary>Null when this request may hold a time; otherwise how long until it may.</summary>
    public TimeSpan? Refuse(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _longestWindow;
    }

    public void Dispose() => _limiter.Dispose();

    private static TimeSpan WindowOf(IConfiguration configuration, string key) =>
        HostSettings.ParseDuration(configuration, key + ":Window", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));

    private static RateLimitPartition<string> FixedWindow(string key, (int Permits, TimeSpan Window) limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

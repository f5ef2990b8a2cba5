using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Clinic.Modules.Accounts.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Clinic.Modules.Accounts.SignInProtection;

/// <summary>
/// Posts to the sign-in form per client address, through ASP.NET Core's rate-limiting middleware. The page opts in
/// with <c>[EnableRateLimiting(SignInPerIp.Policy)]</c>; reading the form is left to the page.
/// </summary>
internal sealed class SignInPerIp(SignInSettings settings) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in-per-ip";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    // Limiters are cached by key, so the unlimited partition needs a key no address can have.
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter("ip:" + httpContext.Connection.RemoteIpAddress, _ => SignInRateLimits.Options(settings.PerIp))
            : RateLimitPartition.GetNoLimiter("read");

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : settings.PerIp.Window;
        var http = context.HttpContext;
        SignInRateLimits.Refuse(http.Response, wait);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many sign-in attempts",
                Detail = $"Too many sign-in attempts came from your network. Try again in {SignInRateLimits.Describe(wait)}.",
            },
        });
    }
}

/// <summary>Sign-in attempts per account (per clinic and email, known or not), checked by the sign-in handler.</summary>
internal sealed class SignInRateLimits(SignInSettings settings) : IDisposable
{
    // Keyed by a hash, so the limiter's memory holds no email addresses.
    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Options(settings.PerAccount)));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? RetryAfter(Guid tenantId, string email)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId.ToString("N") + "\n" + StaffAccounts.Normalize(email))));
        using var lease = _perAccount.AttemptAcquire(key);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : settings.PerAccount.Window;
    }

    public void Dispose() => _perAccount.Dispose();

    public static FixedWindowRateLimiterOptions Options(RateLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Answers 429 with Retry-After in whole seconds, rounded up.</summary>
    public static void Refuse(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers[HeaderNames.RetryAfter] = Seconds(wait).ToString(CultureInfo.InvariantCulture);
    }

    public static string Describe(TimeSpan wait)
    {
        var seconds = Seconds(wait);
        return seconds <= 90 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

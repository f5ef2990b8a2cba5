using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>
/// The two retry pipelines around provider HTTP calls. Delays and timeouts run on real time (Polly's own clock), not
/// the app's TimeProvider: a test clock that stands still must not freeze a send. A Retry-After given as a date is
/// read against the app's clock, the one every other instant comes from.
/// </summary>
internal sealed class ChannelResilience
{
    private readonly TimeProvider _time;

    public ChannelResilience(ChannelOptions options, TimeProvider time)
    {
        _time = time;
        Options = options;
        Idempotent = Build(options, outcome => outcome.Exception is HttpRequestException or TimeoutRejectedException || IsBusy(outcome.Result, options));
        AnsweredBusy = Build(options, outcome => IsExplicitlyBusy(outcome.Result, options));
    }

    public ChannelOptions Options { get; }

    /// <summary>
    /// For requests the provider deduplicates (Resend's Idempotency-Key): a timeout or dropped connection may be retried,
    /// because a request that did arrive is answered again rather than sent again.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> Idempotent { get; }

    /// <summary>
    /// For requests that would send twice if repeated (Twilio has no idempotency key): retried only when the provider
    /// explicitly answered 429 or 503, which means it did not take the message. A timeout is never retried here.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> AnsweredBusy { get; }

    /// <summary>The wait a 429/503 asks for, from Retry-After in seconds or as a date; null when absent.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
            return date > _time.GetUtcNow() ? date - _time.GetUtcNow() : TimeSpan.Zero;
        return null;
    }

    private ResiliencePipeline<HttpResponseMessage> Build(ChannelOptions options, Func<Outcome<HttpResponseMessage>, bool> retryOn) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(options.Retries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(options.Retries > 0 && retryOn(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    private bool IsBusy(HttpResponseMessage? response, ChannelOptions options) =>
        response is { StatusCode: HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError } && WaitIsShort(response, options);

    private bool IsExplicitlyBusy(HttpResponseMessage? response, ChannelOptions options) =>
        response is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } && WaitIsShort(response, options);

    // A long Retry-After goes back to the dispatcher, which schedules the next attempt instead of holding a worker.
    private bool WaitIsShort(HttpResponseMessage response, ChannelOptions options) =>
        RetryAfter(response) is not { } wait || wait <= options.LongestInProcessWait;
}

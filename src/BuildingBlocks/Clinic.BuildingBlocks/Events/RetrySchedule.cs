namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// When a failed event is tried again: 30 seconds after the first failure, doubling each time up to an hour, and set
/// aside after <see cref="MaxAttempts"/> attempts (about three hours of trying) for the owner to retry by hand. No
/// jitter: handlers run in the clinic's database, not against a provider that many hosts would stampede, and a fixed
/// schedule is one a test can step through on the clock.
/// </summary>
public static class RetrySchedule
{
    public const int MaxAttempts = 10;

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LongestDelay = TimeSpan.FromHours(1);

    /// <summary>How long to wait after the <paramref name="attempts"/>th attempt failed (the first is attempt 1).</summary>
    public static TimeSpan After(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var doublings = Math.Min(attempts - 1, 20);
        var delay = FirstDelay * (1L << doublings);
        return delay < LongestDelay ? delay : LongestDelay;
    }
}

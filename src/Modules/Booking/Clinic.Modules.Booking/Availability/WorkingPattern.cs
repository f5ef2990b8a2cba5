namespace Clinic.Modules.Booking.Availability;

/// <summary>One interval of a provider's usual week, in minutes after local midnight.</summary>
internal sealed record WeeklyHours(Guid ProviderId, DayOfWeek Weekday, int StartsMinute, int EndsMinute);

/// <summary>A dated change to a provider's week: time off (all day when the minutes are null) or extra hours.</summary>
internal sealed record ScheduleException(Guid ProviderId, DateOnly Date, bool Off, int? StartsMinute, int? EndsMinute);

/// <summary>Days the whole clinic is closed.</summary>
internal sealed record Closure(DateOnly From, DateOnly To);

/// <summary>When each provider works: the weekly pattern, minus time off and closures, plus extra hours.</summary>
internal sealed class WorkingPattern
{
    // Grouped once, because a search asks for every provider's every day: scanning the flat lists each time was a
    // measurable share of a 30-day search (docs/performance.md).
    private readonly ILookup<(Guid Provider, DayOfWeek Weekday), WeeklyHours> _weekly;
    private readonly ILookup<(Guid Provider, DateOnly Date), ScheduleException> _exceptions;
    private readonly IReadOnlyList<Closure> _closures;
    private readonly TimeZoneInfo _zone;

    public WorkingPattern(IReadOnlyList<WeeklyHours> weekly, IReadOnlyList<ScheduleException> exceptions, IReadOnlyList<Closure> closures, TimeZoneInfo zone)
    {
        _weekly = weekly.ToLookup(w => (w.ProviderId, w.Weekday));
        _exceptions = exceptions.ToLookup(e => (e.ProviderId, e.Date));
        _closures = closures;
        _zone = zone;
    }

    /// <summary>
    /// The provider's working intervals on the local days from <paramref name="from"/> to <paramref name="to"/>, in
    /// order. Hours that run to midnight and go on from midnight the next day are one interval, so a late clinic's
    /// appointment can cross midnight.
    /// </summary>
    public List<Interval> For(Guid providerId, DateOnly from, DateOnly to)
    {
        var result = new List<Interval>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (Closed(date))
                continue;

            var day = _exceptions[(providerId, date)];
            var working = _weekly[(providerId, date.DayOfWeek)].Select(w => LocalTime.Span(date, w.StartsMinute, w.EndsMinute, _zone));
            if (!day.Any())
            {
                result.AddRange(Merge(working));
                continue;
            }

            if (day.Any(e => e.Off && e.StartsMinute is null))
                continue;

            working = working.Concat(day.Where(e => !e.Off).Select(e => LocalTime.Span(date, e.StartsMinute!.Value, e.EndsMinute!.Value, _zone)));
            var off = day.Where(e => e.Off).Select(e => LocalTime.Span(date, e.StartsMinute!.Value, e.EndsMinute!.Value, _zone)).ToList();
            result.AddRange(Subtract(Merge(working), off));
        }

        return Merge(result);
    }

    private bool Closed(DateOnly date)
    {
        foreach (var closure in _closures)
        {
            if (closure.From <= date && date <= closure.To)
                return true;
        }

        return false;
    }

    private static List<Interval> Merge(IEnumerable<Interval> intervals)
    {
        var merged = new List<Interval>();
        foreach (var next in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && next.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = next.End > merged[^1].End ? next.End : merged[^1].End };
            else
                merged.Add(next);
        }

        return merged;
    }

    private static IEnumerable<Interval> Subtract(List<Interval> working, List<Interval> off)
    {
        foreach (var interval in working)
        {
            var pieces = new List<Interval> { interval };
            foreach (var gap in off)
            {
                pieces = [.. pieces.SelectMany(p => !p.Overlaps(gap)
                    ? [p]
                    : new[] { new Interval(p.Start, gap.Start), new Interval(gap.End, p.End) }.Where(rest => rest.Start < rest.End))];
            }

            foreach (var piece in pieces)
                yield return piece;
        }
    }
}

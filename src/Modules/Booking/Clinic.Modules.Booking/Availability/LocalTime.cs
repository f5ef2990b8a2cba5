namespace Clinic.Modules.Booking.Availability;

/// <summary>Turns the clinic's wall-clock times into instants, the same way on every day of the year.</summary>
internal static class LocalTime
{
    /// <summary>
    /// The instant a wall-clock time names in <paramref name="zone"/>. A time skipped when clocks go forward means the
    /// moment the clocks reach it (01:30 on a 01:00→02:00 night is 02:00); a time that happens twice when clocks go
    /// back means its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);

        if (zone.IsAmbiguousTime(local))
        {
            var first = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, first).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An interval given as minutes after local midnight on <paramref name="date"/> (1440 is the next midnight).</summary>
    public static Interval Span(DateOnly date, int startsMinute, int endsMinute, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new Interval(ToInstant(midnight.AddMinutes(startsMinute), zone), ToInstant(midnight.AddMinutes(endsMinute), zone));
    }
}

using System.Globalization;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Waitlist;

/// <summary>One time of the week that suits a waiting client: some local days, a span of the day (minutes after midnight).</summary>
internal sealed record WaitlistWindow(int Weekdays, int FromMinute, int ToMinute)
{
    public const int AnyDay = 127;

    public static readonly WaitlistWindow AnyTime = new(AnyDay, 0, 1440);

    /// <summary>Whether an appointment from <paramref name="localStart"/> to <paramref name="localEnd"/> (clinic time) falls on a wanted day and fits inside the wanted times.</summary>
    public bool Suits(DateTimeOffset localStart, DateTimeOffset localEnd)
    {
        var from = (localStart.Hour * 60) + localStart.Minute;
        var to = localEnd.Date > localStart.Date ? 1440 + (localEnd.Hour * 60) + localEnd.Minute : (localEnd.Hour * 60) + localEnd.Minute;
        return (Weekdays & (1 << (int)localStart.DayOfWeek)) != 0 && from >= FromMinute && to <= ToMinute;
    }

    /// <summary>How staff read the window, e.g. "Mon, Thu, 17:00–21:00".</summary>
    public string Describe()
    {
        var days = Weekdays == AnyDay
            ? "Any day"
            : string.Join(", ", Enumerable.Range(0, 7).Where(d => (Weekdays & (1 << d)) != 0).Select(d => WaitlistPreferences.DayNames[d][..3]));
        var times = FromMinute == 0 && ToMinute == 1440 ? "any time" : $"{Clock(FromMinute)}–{Clock(ToMinute)}";
        return $"{days}, {times}";
    }

    /// <summary>The windows of every entry still waiting or offered a slot, by entry, in the client's order.</summary>
    public static async Task<ILookup<Guid, WaitlistWindow>> OfLiveEntriesAsync(DbSession db) =>
        (await db.QueryAsync<Row>(
            """
            SELECT w.entry_id AS EntryId, w.weekdays AS Weekdays, w.from_minute AS FromMinute, w.to_minute AS ToMinute
            FROM booking_waitlist_windows w
            JOIN booking_waitlist_entries e ON e.tenant_id = w.tenant_id AND e.id = w.entry_id
            WHERE w.tenant_id = @tenant_id AND e.status IN ('Waiting', 'Offered')
            ORDER BY w.entry_id, w.position
            """)).ToLookup(r => r.EntryId, r => new WaitlistWindow(r.Weekdays, r.FromMinute, r.ToMinute));

    /// <summary>One entry's windows, in the client's order.</summary>
    public static async Task<IReadOnlyList<WaitlistWindow>> OfEntryAsync(DbSession db, Guid entryId) =>
        [.. (await db.QueryAsync<Row>(
            """
            SELECT entry_id AS EntryId, weekdays AS Weekdays, from_minute AS FromMinute, to_minute AS ToMinute
            FROM booking_waitlist_windows WHERE tenant_id = @tenant_id AND entry_id = @entryId ORDER BY position
            """,
            new { entryId })).Select(r => new WaitlistWindow(r.Weekdays, r.FromMinute, r.ToMinute))];

    private static string Clock(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:D2}:{minute % 60:D2}");

    private sealed class Row
    {
        public Guid EntryId { get; init; }

        public int Weekdays { get; init; }

        public int FromMinute { get; init; }

        public int ToMinute { get; init; }
    }
}

/// <summary>One row of the windows a waitlist form offers: a checkbox per day ("on" when ticked) and optional times.</summary>
internal sealed class WaitlistWindowInput
{
    // A form without scripts posts each checkbox under its own name.
    public string? Sunday { get; set; }

    public string? Monday { get; set; }

    public string? Tuesday { get; set; }

    public string? Wednesday { get; set; }

    public string? Thursday { get; set; }

    public string? Friday { get; set; }

    public string? Saturday { get; set; }

    /// <summary>Local times, e.g. 09:00; blank for the whole day.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>A row left untouched says nothing, so it is ignored.</summary>
    public bool IsBlank => Ticked == 0 && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To);

    public int? FromMinute => Minutes(From, blank: 0);

    public int? ToMinute => Minutes(To, blank: 1440);

    /// <summary>The stored window; null while the times do not read.</summary>
    public WaitlistWindow? Window =>
        FromMinute is { } from && ToMinute is { } to && to > from ? new WaitlistWindow(Ticked == 0 ? WaitlistWindow.AnyDay : Ticked, from, to) : null;

    public bool IsTicked(int day) => Day(day) is "on" or "true";

    // The ticked days as bits (bit 0 = Sunday).
    private int Ticked => Enumerable.Range(0, 7).Where(IsTicked).Sum(day => 1 << day);

    private string? Day(int day) => day switch
    {
        0 => Sunday,
        1 => Monday,
        2 => Tuesday,
        3 => Wednesday,
        4 => Thursday,
        5 => Friday,
        _ => Saturday,
    };

    private static int? Minutes(string? value, int blank)
    {
        if (string.IsNullOrWhiteSpace(value))
            return blank;
        return TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? (time.Hour * 60) + time.Minute : null;
    }
}

using System.Globalization;
using Clinic.Modules.Booking.Calendar;
using Clinic.Modules.Booking.Settings;

namespace Clinic.Modules.Booking.Features.Schedule;

/// <summary>The day view: a column per provider, the clinic's hours as rows, in the clinic's own time zone.</summary>
internal static class DaySchedule
{
    public const string Permission = "schedule.read";
    public const string AuditAction = "schedule.viewed";

    /// <summary>The earliest and latest dates the calendar opens; beyond them local midnights fall off DateTimeOffset's range.</summary>
    private static readonly DateOnly First = new(1900, 1, 1), Last = new(2999, 12, 31);

    /// <summary>A <c>date</c> query value as yyyy-MM-dd within the calendar's range; false for anything else.</summary>
    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date >= First && date <= Last;

    internal sealed record Day(DateOnly Date, DateOnly Today, BookingSettings Settings, CalendarGrid Grid, IReadOnlyList<CalendarEntry> Cancelled);

    internal sealed class Handler(CalendarReader calendar)
    {
        public async Task<Day> HandleAsync(DateOnly? date, CancellationToken ct)
        {
            var (settings, today) = await calendar.ClockAsync(ct);
            var day = date ?? today;
            var (columns, cancelled) = await calendar.DayAsync(day, settings, ct);
            return new Day(day, today, settings, CalendarGrid.Build(columns, settings), cancelled);
        }
    }
}

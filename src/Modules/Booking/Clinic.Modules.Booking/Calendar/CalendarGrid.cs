using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Settings;

namespace Clinic.Modules.Booking.Calendar;

/// <summary>An appointment as the calendar shows it: local times, the client's name, the service and the status in words.</summary>
internal sealed record CalendarEntry(Guid Id, Guid ProviderId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Client, string Service, AppointmentStatus Status)
{
    public string StatusLabel => Lifecycle.Label(Status);

    public bool Movable => Lifecycle.After(Status, AppointmentAction.Reschedule) is not null;
}

/// <summary>One column of the calendar: a provider on a day (day view) or one day of a provider's week (week view).</summary>
internal sealed record CalendarColumn(string Heading, Guid ProviderId, DateOnly Date, IReadOnlyList<Interval> Working, IReadOnlyList<CalendarEntry> Entries)
{
    /// <summary>Appointments begun the day before that run on past midnight: they take the column's first rows.</summary>
    public IReadOnlyList<CalendarEntry> Continuing { get; init; } = [];

    public IEnumerable<CalendarEntry> Shown => Continuing.Concat(Entries);
}

/// <summary>What one table cell holds: the start of an appointment spanning rows, free bookable time, time off, or nothing (covered).</summary>
internal abstract record CalendarCell
{
    internal sealed record Booked(CalendarEntry Entry, int Rows) : CalendarCell;

    internal sealed record Free(DateTimeOffset At) : CalendarCell;

    internal sealed record Closed : CalendarCell;

    internal sealed record Covered : CalendarCell;
}

/// <summary>
/// Lays columns out as a table: a row per step of the clinic's local clock, an appointment in the row it starts in
/// spanning the rows it lasts (rowspan), so the grid needs no positioning styles and reads as a table.
/// </summary>
internal sealed class CalendarGrid
{
    private CalendarGrid(IReadOnlyList<CalendarColumn> columns, IReadOnlyList<TimeOnly> rows, CalendarCell[,] cells, int step)
    {
        Columns = columns;
        Rows = rows;
        Cells = cells;
        StepMinutes = step;
    }

    public IReadOnlyList<CalendarColumn> Columns { get; }

    public IReadOnlyList<TimeOnly> Rows { get; }

    /// <summary>[row, column].</summary>
    public CalendarCell[,] Cells { get; }

    public int StepMinutes { get; }

    public static CalendarGrid Build(IReadOnlyList<CalendarColumn> columns, BookingSettings settings)
    {
        var minutes = columns.SelectMany(c => c.Shown.SelectMany(e => new[] { e.StartsAt, e.EndsAt })
                .Concat(c.Working.SelectMany(w => new[] { w.Start, w.End }))
                .Select(t => MinuteOf(settings.Local(t), c.Date)))
            .ToList();
        // Rows every 15 minutes, or 5 when something starts or ends between quarter hours.
        var step = minutes.All(m => m % 15 == 0) ? 15 : 5;
        var first = minutes.Count == 0 ? 9 * 60 : Math.Min(9 * 60, minutes.Min() / 60 * 60);
        var last = minutes.Count == 0 ? 18 * 60 : Math.Max(18 * 60, minutes.Max());
        last = Math.Min(24 * 60, (last + 59) / 60 * 60);
        var rows = Enumerable.Range(0, (last - first) / step).Select(i => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(first + (i * step)))).ToList();

        var cells = new CalendarCell[rows.Count, columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            for (var r = 0; r < rows.Count; r++)
            {
                if (cells[r, c] is not null)
                    continue;
                var at = LocalTime.ToInstant(column.Date.ToDateTime(rows[r]), settings.Zone);
                var entry = column.Shown.FirstOrDefault(e => e.StartsAt <= at && at < e.EndsAt);
                if (entry is not null)
                {
                    var span = Math.Max(1, Math.Min(rows.Count - r, (int)Math.Ceiling((entry.EndsAt - at).TotalMinutes / step)));
                    cells[r, c] = new CalendarCell.Booked(entry, span);
                    for (var covered = r + 1; covered < r + span; covered++)
                        cells[covered, c] = new CalendarCell.Covered();
                }
                else
                {
                    cells[r, c] = column.Working.Any(w => w.Start <= at && at < w.End) ? new CalendarCell.Free(at) : new CalendarCell.Closed();
                }
            }
        }

        return new CalendarGrid(columns, rows, cells, step);
    }

    /// <summary>
    /// Minutes from the column's local midnight (a part minute counts as one), from 0 to 1440: a late clinic's hours and
    /// an appointment running past midnight end the day's rows at 24:00 instead of wrapping to the top.
    /// </summary>
    private static int MinuteOf(DateTimeOffset local, DateOnly date) =>
        Math.Clamp((int)Math.Ceiling((local.DateTime - date.ToDateTime(TimeOnly.MinValue)).TotalMinutes), 0, 24 * 60);
}

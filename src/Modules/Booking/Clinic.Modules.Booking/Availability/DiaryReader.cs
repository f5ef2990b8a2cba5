using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Availability;

/// <summary>Loads the <see cref="Diary"/> for some local days: one query per kind of row, bounded by the days asked for.</summary>
internal static class DiaryReader
{
    /// <summary>No appointment is longer than this, which bounds how far back a search must look for one still running.</summary>
    public static readonly TimeSpan LongestBlock = TimeSpan.FromDays(1);

    /// <param name="except">An appointment being moved, which must not stand in its own way.</param>
    /// <param name="holdsTakeTime">Whether online holds count as taken; staff book over them.</param>
    public static async Task<Diary> ReadAsync(DbSession db, DateOnly from, DateOnly to, TimeZoneInfo zone, DateTimeOffset now, Guid? except = null, bool holdsTakeTime = true)
    {
        var weekly = await db.QueryAsync<WeeklyRow>(
            "SELECT provider_id AS ProviderId, weekday AS Weekday, starts_minute AS StartsMinute, ends_minute AS EndsMinute FROM booking_weekly_hours WHERE tenant_id = @tenant_id");
        // Dated hours a day either side: an appointment may run into the next day, or start in hours that began the day before.
        var exceptions = await db.QueryAsync<ExceptionRow>(
            """
            SELECT provider_id AS ProviderId, on_date AS OnDate, kind AS Kind, starts_minute AS StartsMinute, ends_minute AS EndsMinute
            FROM booking_schedule_exceptions WHERE tenant_id = @tenant_id AND on_date >= @from AND on_date <= @to
            """,
            new { from = from.AddDays(-1), to = to.AddDays(1) });
        var closures = await db.QueryAsync<ClosureRow>(
            "SELECT from_date AS FromDate, to_date AS ToDate FROM booking_closures WHERE tenant_id = @tenant_id AND to_date >= @from AND from_date <= @to",
            new { from = from.AddDays(-1), to = to.AddDays(1) });
        var resources = await db.QueryAsync<ResourceRow>(
            "SELECT id AS Id, resource_type AS ResourceType FROM booking_resources WHERE tenant_id = @tenant_id AND active = TRUE ORDER BY name, id");

        var start = LocalTime.ToInstant(from.AddDays(-1).ToDateTime(TimeOnly.MinValue), zone);
        var end = LocalTime.ToInstant(to.AddDays(2).ToDateTime(TimeOnly.MinValue), zone);
        var (providerBusy, resourceBusy) = await ReadTakenAsync(db, start, end, now, except, holdsTakeTime);
        var pattern = new WorkingPattern(
            [.. weekly.Select(w => new WeeklyHours(w.ProviderId, (DayOfWeek)w.Weekday, w.StartsMinute, w.EndsMinute))],
            [.. exceptions.Select(e => new ScheduleException(e.ProviderId, e.OnDate, e.Kind == "off", e.StartsMinute, e.EndsMinute))],
            [.. closures.Select(c => new Closure(c.FromDate, c.ToDate))],
            zone);
        return new Diary(
            pattern,
            providerBusy,
            resourceBusy,
            resources.GroupBy(r => r.ResourceType, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.Select(r => r.Id)], StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The time taken from each provider and room, in order of start. A month's diary is thousands of rows, so they are
    /// read straight off the reader rather than mapped row by row (docs/performance.md, availability search).
    /// </summary>
    private static async Task<(Dictionary<Guid, List<Interval>> Providers, Dictionary<Guid, List<Interval>> Resources)> ReadTakenAsync(
        DbSession db, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, Guid? except, bool holdsTakeTime)
    {
        var providers = new Dictionary<Guid, List<Interval>>();
        var resources = new Dictionary<Guid, List<Interval>>();
        var sqlite = db.Provider == DatabaseProvider.Sqlite;

        // On SQLite each column fetched costs more than the row itself, so the four values come back as one text,
        // space-separated (ids and instants are stored as text without spaces), and are cut apart here: a third of
        // the time of four columns (docs/performance.md). PostgreSQL returns native values.
        var columns = sqlite
            ? "provider_id || ' ' || blocked_from || ' ' || blocked_until || ' ' || COALESCE(resource_id, '')"
            : "provider_id, blocked_from, blocked_until, resource_id";
        await using var reader = await db.ReadAsync(
            $"""
            SELECT {columns}
            FROM booking_appointments
            WHERE tenant_id = @tenant_id AND blocked_from >= @earliest AND blocked_from < @end AND blocked_until > @start
              AND status NOT IN ('Cancelled', 'NoShow') {(holdsTakeTime ? "AND (status <> 'Held' OR hold_expires_at > @now)" : "AND status <> 'Held'")}
              {(except is null ? "" : "AND id <> @except")}
            ORDER BY blocked_from
            """,
            new { earliest = start - LongestBlock, start, end, now, except = except ?? Guid.Empty });
        while (await reader.ReadAsync())
        {
            if (sqlite)
                AddRow(reader.GetString(0));
            else
                Add(reader.GetId(0), reader.GetIdOrNull(3), new Interval(reader.GetInstant(1), reader.GetInstant(2)));
        }

        return (providers, resources);

        void AddRow(string row)
        {
            var parts = row.AsSpan();
            Span<Range> fields = stackalloc Range[4];
            parts.Split(fields, ' ');
            var resource = parts[fields[3]];
            Add(
                StoredValues.ParseId(parts[fields[0]]),
                resource.IsEmpty ? null : StoredValues.ParseId(resource),
                new Interval(StoredValues.ParseInstant(parts[fields[1]]), StoredValues.ParseInstant(parts[fields[2]])));
        }

        void Add(Guid provider, Guid? resource, Interval taken)
        {
            Busy(providers, provider).Add(taken);
            if (resource is { } room)
                Busy(resources, room).Add(taken);
        }

        static List<Interval> Busy(Dictionary<Guid, List<Interval>> busy, Guid id)
        {
            if (!busy.TryGetValue(id, out var intervals))
                busy[id] = intervals = [];
            return intervals;
        }
    }

    private sealed class WeeklyRow
    {
        public Guid ProviderId { get; init; }

        public int Weekday { get; init; }

        public int StartsMinute { get; init; }

        public int EndsMinute { get; init; }
    }

    private sealed class ExceptionRow
    {
        public Guid ProviderId { get; init; }

        public DateOnly OnDate { get; init; }

        public string Kind { get; init; } = "";

        public int? StartsMinute { get; init; }

        public int? EndsMinute { get; init; }
    }

    private sealed class ClosureRow
    {
        public DateOnly FromDate { get; init; }

        public DateOnly ToDate { get; init; }
    }

    private sealed class ResourceRow
    {
        public Guid Id { get; init; }

        public string ResourceType { get; init; } = "";
    }
}

using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Availability;

/// <summary>Loads the <see cref="Diary"/> for some local days: one query per kind of row, bounded by the days asked for.</summary>
internal static class DiaryReader
{
    /// <summary>No appointment is longer than this, which bounds how far back a search must look for one still running.</summary>
    public static readonly TimeSpan LongestBlock = TimeSpan.FromDays(1);

    /// <param name="except">An appointment being moved, which must not stand in its own way.</param>
    public static async Task<Diary> ReadAsync(DbSession db, DateOnly from, DateOnly to, TimeZoneInfo zone, DateTimeOffset now, Guid? except = null)
    {
        var weekly = await db.QueryAsync<WeeklyRow>(
            "SELECT provider_id AS ProviderId, weekday AS Weekday, starts_minute AS StartsMinute, ends_minute AS EndsMinute FROM booking_weekly_hours WHERE tenant_id = @tenant_id");
        var exceptions = await db.QueryAsync<ExceptionRow>(
            """
            SELECT provider_id AS ProviderId, on_date AS OnDate, kind AS Kind, starts_minute AS StartsMinute, ends_minute AS EndsMinute
            FROM booking_schedule_exceptions WHERE tenant_id = @tenant_id AND on_date >= @from AND on_date <= @to
            """,
            new { from = from.AddDays(-1), to });
        var closures = await db.QueryAsync<ClosureRow>(
            "SELECT from_date AS FromDate, to_date AS ToDate FROM booking_closures WHERE tenant_id = @tenant_id AND to_date >= @from AND from_date <= @to",
            new { from = from.AddDays(-1), to });
        var resources = await db.QueryAsync<ResourceRow>(
            "SELECT id AS Id, resource_type AS ResourceType FROM booking_resources WHERE tenant_id = @tenant_id AND active = TRUE ORDER BY name, id");

        var start = LocalTime.ToInstant(from.AddDays(-1).ToDateTime(TimeOnly.MinValue), zone);
        var end = LocalTime.ToInstant(to.AddDays(2).ToDateTime(TimeOnly.MinValue), zone);
        var live = await db.QueryAsync<TakenRow>(
            $"""
            SELECT provider_id AS ProviderId, resource_id AS ResourceId, blocked_from AS BlockedFrom, blocked_until AS BlockedUntil
            FROM booking_appointments
            WHERE tenant_id = @tenant_id AND blocked_from >= @earliest AND blocked_from < @end AND blocked_until > @start
              AND status NOT IN ('Cancelled', 'NoShow') AND (status <> 'Held' OR hold_expires_at > @now)
              {(except is null ? "" : "AND id <> @except")}
            ORDER BY blocked_from
            """,
            new { earliest = start - LongestBlock, start, end, now, except = except ?? Guid.Empty });
        var pattern = new WorkingPattern(
            [.. weekly.Select(w => new WeeklyHours(w.ProviderId, (DayOfWeek)w.Weekday, w.StartsMinute, w.EndsMinute))],
            [.. exceptions.Select(e => new ScheduleException(e.ProviderId, e.OnDate, e.Kind == "off", e.StartsMinute, e.EndsMinute))],
            [.. closures.Select(c => new Closure(c.FromDate, c.ToDate))],
            zone);
        return new Diary(
            pattern,
            live.GroupBy(t => t.ProviderId).ToDictionary(g => g.Key, g => g.Select(t => new Interval(t.BlockedFrom, t.BlockedUntil)).ToList()),
            live.Where(t => t.ResourceId is not null).GroupBy(t => t.ResourceId!.Value)
                .ToDictionary(g => g.Key, g => g.Select(t => new Interval(t.BlockedFrom, t.BlockedUntil)).ToList()),
            resources.GroupBy(r => r.ResourceType, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.Select(r => r.Id)], StringComparer.OrdinalIgnoreCase));
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

    private sealed class TakenRow
    {
        public Guid ProviderId { get; init; }

        public Guid? ResourceId { get; init; }

        public DateTimeOffset BlockedFrom { get; init; }

        public DateTimeOffset BlockedUntil { get; init; }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Features.Schedule;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Calendar;

/// <summary>Reads the calendar's columns: every provider on one day, or one provider across a week.</summary>
internal sealed class CalendarReader(UnitOfWork work, BookingSettings.Store settingsStore, IClientDirectory clients, IStaffDirectory staff, TimeProvider time)
{
    public async Task<(BookingSettings Settings, DateOnly Today)> ClockAsync(CancellationToken ct)
    {
        var settings = await settingsStore.LoadAsync(ct);
        return (settings, settings.Today(time.GetUtcNow()));
    }

    /// <summary>One column per provider who works or has appointments that day, in name order.</summary>
    public async Task<(IReadOnlyList<CalendarColumn> Columns, IReadOnlyList<CalendarEntry> Cancelled)> DayAsync(DateOnly day, BookingSettings settings, CancellationToken ct)
    {
        var (pattern, entries) = await ReadAsync(day, day, settings, ct);
        var team = await staff.ActiveAsync(ct);
        var columns = team
            .Select(member => new CalendarColumn(
                member.Name, member.Id, day, pattern.For(member.Id, day, day), [.. entries.Where(e => e.ProviderId == member.Id && Lifecycle.IsLive(e.Status) && StartsOn(e, day))])
            {
                Continuing = [.. entries.Where(e => e.ProviderId == member.Id && Lifecycle.IsLive(e.Status) && StartsBefore(e, day))],
            })
            .Where(c => c.Working.Count > 0 || c.Entries.Count > 0 || c.Continuing.Count > 0)
            .OrderBy(c => c.Heading, StringComparer.CurrentCulture)
            .ToList();
        return (columns, [.. entries.Where(e => !Lifecycle.IsLive(e.Status) && StartsOn(e, day))]);
    }

    /// <summary>Seven columns, Monday to Sunday of the week holding <paramref name="day"/>, for one provider.</summary>
    public async Task<IReadOnlyList<CalendarColumn>> WeekAsync(Guid provider, DateOnly day, BookingSettings settings, CancellationToken ct)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var (pattern, entries) = await ReadAsync(monday, monday.AddDays(6), settings, ct);
        return [.. Enumerable.Range(0, 7).Select(i => monday.AddDays(i)).Select(date => new CalendarColumn(
            ClinicDates.ShortDay(date),
            provider,
            date,
            pattern.For(provider, date, date),
            [.. entries.Where(e => e.ProviderId == provider && Lifecycle.IsLive(e.Status) && StartsOn(e, date))])
        {
            Continuing = [.. entries.Where(e => e.ProviderId == provider && Lifecycle.IsLive(e.Status) && StartsBefore(e, date) && EndsAfterMidnight(e, date))],
        })];
    }

    public async Task<IReadOnlyList<StaffMember>> ProvidersAsync(CancellationToken ct) => await staff.ActiveAsync(ct);

    private static bool StartsOn(CalendarEntry entry, DateOnly day) => DateOnly.FromDateTime(entry.StartsAt.DateTime) == day;

    private static bool StartsBefore(CalendarEntry entry, DateOnly day) => DateOnly.FromDateTime(entry.StartsAt.DateTime) < day;

    private static bool EndsAfterMidnight(CalendarEntry entry, DateOnly day) => entry.EndsAt.DateTime > day.ToDateTime(TimeOnly.MinValue);

    /// <summary>
    /// Appointments that start in the days, and those begun the evening before that run into them. The calendar shows
    /// clients' names, so each read is recorded in its own transaction, once per page.
    /// </summary>
    private async Task<(WorkingPattern Pattern, List<CalendarEntry> Entries)> ReadAsync(DateOnly from, DateOnly to, BookingSettings settings, CancellationToken ct)
    {
        var start = LocalTime.ToInstant(from.ToDateTime(TimeOnly.MinValue), settings.Zone);
        var end = LocalTime.ToInstant(to.AddDays(1).ToDateTime(TimeOnly.MinValue), settings.Zone);
        var (diary, rows) = await work.ReadAsync(
            async change =>
            {
                change.Audit(new AuditEntry(DaySchedule.AuditAction));
                return (await DiaryReader.ReadAsync(change.Db, from, to, settings.Zone, time.GetUtcNow()), await RowsAsync(change.Db, start, end));
            },
            ct);

        var names = await clients.NamesAsync([.. rows.Select(r => r.ClientId)], ct);
        return (diary.Pattern, [.. rows.Select(r => new CalendarEntry(
            r.Id, r.ProviderId, settings.Local(r.StartsAt), settings.Local(r.EndsAt), names.GetValueOrDefault(r.ClientId, "Former client"), r.Service, Enum.Parse<AppointmentStatus>(r.Status)))]);
    }

    private static Task<IReadOnlyList<Row>> RowsAsync(DbSession db, DateTimeOffset start, DateTimeOffset end) =>
        db.QueryAsync<Row>(
            """
            SELECT a.id AS Id, a.client_id AS ClientId, a.provider_id AS ProviderId, a.starts_at AS StartsAt, a.ends_at AS EndsAt,
                   s.name AS Service, a.status AS Status
            FROM booking_appointments a
            JOIN booking_services s ON s.id = a.service_id AND s.tenant_id = a.tenant_id
            WHERE a.tenant_id = @tenant_id AND a.starts_at >= @earliest AND a.starts_at < @end AND a.ends_at > @start AND a.status <> 'Held'
            ORDER BY a.starts_at
            """,
            new { earliest = start - DiaryReader.LongestBlock, start, end });

    private sealed class Row
    {
        public Guid Id { get; init; }

        public Guid ClientId { get; init; }

        public Guid ProviderId { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset EndsAt { get; init; }

        public string Service { get; init; } = "";

        public string Status { get; init; } = "";
    }
}

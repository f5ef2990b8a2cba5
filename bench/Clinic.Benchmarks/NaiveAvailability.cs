using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;

namespace Clinic.Benchmarks;

/// <summary>
/// The baseline the engine is measured against, written the way simple schedulers do it: load every appointment the
/// clinic has ever had, then for each start on the grid and each provider scan all of them for an overlap with the
/// provider, and again for each candidate room. It honours weekly hours only (the benchmark clinic has no exceptions
/// or closures) and picks the same provider and room as <see cref="SlotFinder"/>, so the two lists must be equal.
/// </summary>
internal static class NaiveAvailability
{
    public static async Task<List<Slot>> FindAsync(DbSession db, Guid serviceId, Guid? providerId, DateOnly from, DateOnly to, BookingSettings settings, DateTimeOffset now)
    {
        var service = (await ServiceCatalog.FindAsync(db, serviceId))!.Needs;
        var weekly = await db.QueryAsync<WeeklyRow>(
            "SELECT provider_id AS ProviderId, weekday AS Weekday, starts_minute AS StartsMinute, ends_minute AS EndsMinute FROM booking_weekly_hours WHERE tenant_id = @tenant_id");
        var rooms = await db.QueryAsync<RoomRow>(
            "SELECT id AS Id, resource_type AS ResourceType FROM booking_resources WHERE tenant_id = @tenant_id AND active = TRUE ORDER BY name, id");
        var all = await db.QueryAsync<AppointmentRow>(
            """
            SELECT provider_id AS ProviderId, resource_id AS ResourceId, blocked_from AS BlockedFrom, blocked_until AS BlockedUntil,
                   status AS Status, hold_expires_at AS HoldExpiresAt
            FROM booking_appointments WHERE tenant_id = @tenant_id
            """);

        var earliest = now.AddMinutes(settings.MinNoticeMinutes);
        var slots = new List<Slot>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            for (var minute = 0; minute < 24 * 60; minute += settings.SlotMinutes)
            {
                var start = LocalTime.ToInstant(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute), settings.Zone);
                if (start < earliest)
                    continue;

                foreach (var provider in service.Providers)
                {
                    if (providerId is { } only && provider != only)
                        continue;
                    if (!weekly.Any(w => w.ProviderId == provider && w.Weekday == (int)day.DayOfWeek && w.StartsMinute <= minute && minute + service.DurationMinutes <= w.EndsMinute))
                        continue;

                    var blocked = service.Blocked(start);
                    if (Busy(all, provider, null, blocked, now))
                        continue;

                    Guid? room = null;
                    if (service.ResourceType is { } type)
                    {
                        room = rooms.Where(r => string.Equals(r.ResourceType, type, StringComparison.OrdinalIgnoreCase) && !Busy(all, null, r.Id, blocked, now))
                            .Select(r => (Guid?)r.Id).FirstOrDefault();
                        if (room is null)
                            continue;
                    }

                    slots.Add(new Slot(settings.Local(start), provider, room));
                    break;
                }
            }
        }

        return slots;
    }

    private static bool Busy(IReadOnlyList<AppointmentRow> all, Guid? provider, Guid? room, Interval wanted, DateTimeOffset now)
    {
        foreach (var a in all)
        {
            if (a.Status is "Cancelled" or "NoShow" || (a.Status == "Held" && a.HoldExpiresAt <= now))
                continue;
            if ((provider is not null && a.ProviderId == provider) || (room is not null && a.ResourceId == room))
            {
                if (a.BlockedFrom < wanted.End && wanted.Start < a.BlockedUntil)
                    return true;
            }
        }

        return false;
    }

    private sealed class WeeklyRow
    {
        public Guid ProviderId { get; init; }

        public int Weekday { get; init; }

        public int StartsMinute { get; init; }

        public int EndsMinute { get; init; }
    }

    private sealed class RoomRow
    {
        public Guid Id { get; init; }

        public string ResourceType { get; init; } = "";
    }

    private sealed class AppointmentRow
    {
        public Guid ProviderId { get; init; }

        public Guid? ResourceId { get; init; }

        public DateTimeOffset BlockedFrom { get; init; }

        public DateTimeOffset BlockedUntil { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset? HoldExpiresAt { get; init; }
    }
}

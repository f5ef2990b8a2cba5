using Clinic.Modules.Booking.Settings;

namespace Clinic.Modules.Booking.Availability;

/// <summary>A bookable start: the time in the clinic's offset, the provider who is free then and the room, if one is needed.</summary>
internal sealed record Slot(DateTimeOffset StartsAt, Guid ProviderId, Guid? ResourceId);

/// <summary>Why a wanted start cannot be booked; each is a clear 4xx for the person asking.</summary>
internal enum SlotProblem
{
    None,
    InThePast,
    TooSoon,
    BeyondHorizon,
    OutsideWorkingHours,
    RunsPastWorkingHours,
    ProviderBusy,
    NoResourceFree,
}

/// <summary>
/// The availability engine. Start times sit on the clinic's local slot grid; each must lie inside one of the
/// provider's working intervals, leave the provider and (when the service needs one) a room free for the appointment
/// and its buffers, and respect the minimum notice and the booking horizon.
/// </summary>
internal static class SlotFinder
{
    /// <summary>Who books decides the rules.</summary>
    internal enum Rules
    {
        /// <summary>Clients online keep to the notice, the horizon and the slot grid, and cannot have a time someone holds.</summary>
        Online,

        /// <summary>Staff may book any free time in working hours, over online holds not yet booked.</summary>
        Staff,

        /// <summary>A client taking a slot the clinic offered from the waitlist: any time, like staff, but holds stand.</summary>
        Waitlist,
    }

    /// <summary>Every bookable start on the local days <paramref name="from"/>..<paramref name="to"/>, earliest first, one per start time.</summary>
    public static List<Slot> Find(ServiceNeeds service, Guid? providerId, DateOnly from, DateOnly to, Diary diary, BookingSettings settings, DateTimeOffset now)
    {
        var earliest = now.AddMinutes(settings.MinNoticeMinutes);
        var lastDay = settings.Today(now).AddDays(settings.HorizonDays);
        if (to > lastDay)
            to = lastDay;

        var first = LocalTime.ToInstant(from.ToDateTime(TimeOnly.MinValue), settings.Zone);
        var afterLast = LocalTime.ToInstant(to.AddDays(1).ToDateTime(TimeOnly.MinValue), settings.Zone);
        // Keyed by instant; the first provider found free at a start keeps it. Converted to the clinic's offset only at the end.
        var byStart = new Dictionary<DateTimeOffset, Slot>();
        // Whether a room is free depends on the start alone, so a start with every room taken is not checked again for
        // the next provider.
        var noRoom = new HashSet<DateTimeOffset>();
        foreach (var provider in Candidates(service, providerId))
        {
            // A day either side: hours begun the evening before may go on past midnight, and the last day's may run into the next.
            foreach (var working in diary.Pattern.For(provider, from.AddDays(-1), to.AddDays(1)))
            {
                var opens = working.Start > first ? working.Start : first;
                for (var start = FirstOnGrid(opens, settings); start < afterLast && start + service.Duration <= working.End; start = start.AddMinutes(settings.SlotMinutes))
                {
                    if (start < earliest || byStart.ContainsKey(start) || noRoom.Contains(start))
                        continue;
                    var blocked = service.Blocked(start);
                    if (!diary.ProviderFree(provider, blocked))
                        continue;
                    if (service.ResourceType is null)
                        byStart[start] = new Slot(start, provider, null);
                    else if (diary.FreeResource(service.ResourceType, blocked) is { } resource)
                        byStart[start] = new Slot(start, provider, resource);
                    else
                        noRoom.Add(start);
                }
            }
        }

        return [.. byStart.Values.OrderBy(s => s.StartsAt).Select(s => s with { StartsAt = settings.Local(s.StartsAt) })];
    }

    /// <summary>Checks one wanted start; on success returns the provider (the first free one, for "any") and the room.</summary>
    public static (SlotProblem Problem, Slot? Slot) Check(
        ServiceNeeds service, Guid? providerId, DateTimeOffset start, Diary diary, BookingSettings settings, DateTimeOffset now, Rules rules)
    {
        if (start <= now)
            return (SlotProblem.InThePast, null);
        if (rules == Rules.Online && start < now.AddMinutes(settings.MinNoticeMinutes))
            return (SlotProblem.TooSoon, null);
        if (rules == Rules.Online && settings.Today(start) > settings.Today(now).AddDays(settings.HorizonDays))
            return (SlotProblem.BeyondHorizon, null);
        if (rules == Rules.Online && start != FirstOnGrid(start, settings))
            return (SlotProblem.OutsideWorkingHours, null);

        var day = settings.Today(start);
        var problem = SlotProblem.OutsideWorkingHours;
        foreach (var provider in Candidates(service, providerId))
        {
            var appointment = new Interval(start, start + service.Duration);
            var working = diary.Pattern.For(provider, day.AddDays(-1), day.AddDays(1));
            if (!working.Any(w => w.Contains(appointment)))
            {
                if (problem == SlotProblem.OutsideWorkingHours && working.Any(w => w.Start <= start && start < w.End))
                    problem = SlotProblem.RunsPastWorkingHours;
                continue;
            }

            var blocked = service.Blocked(start);
            if (!diary.ProviderFree(provider, blocked))
            {
                problem = SlotProblem.ProviderBusy;
                continue;
            }

            var resource = service.ResourceType is null ? null : diary.FreeResource(service.ResourceType, blocked);
            if (service.ResourceType is not null && resource is null)
            {
                problem = SlotProblem.NoResourceFree;
                continue;
            }

            return (SlotProblem.None, new Slot(settings.Local(start), provider, resource));
        }

        return (problem, null);
    }

    private static IEnumerable<Guid> Candidates(ServiceNeeds service, Guid? providerId) =>
        providerId is { } one ? service.Providers.Where(p => p == one) : service.Providers;

    /// <summary>The first start at or after <paramref name="instant"/> whose local minute of the day is on the slot grid.</summary>
    private static DateTimeOffset FirstOnGrid(DateTimeOffset instant, BookingSettings settings)
    {
        var local = settings.Local(instant);
        var intoSlot = (((local.Hour * 60) + local.Minute) % settings.SlotMinutes * TimeSpan.TicksPerMinute) + (local.Ticks % TimeSpan.TicksPerMinute);
        return intoSlot == 0 ? instant : instant.AddTicks((settings.SlotMinutes * TimeSpan.TicksPerMinute) - intoSlot);
    }
}

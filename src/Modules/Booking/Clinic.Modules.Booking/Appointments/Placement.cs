using System.Data.Common;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>
/// Finds room in the diary for one appointment inside the caller's write transaction, which then takes it. Callers
/// that want the same provider or room queue first (<see cref="DbSession.LockAsync"/>), so each sees what the one
/// before it committed and a loser is refused by the check, without waiting on or deadlocking with the winner's
/// insert. The database's rules stay the last word: SQLite's write transaction began IMMEDIATE, and on PostgreSQL
/// the exclusion constraints refuse an overlap that some other path let through (<see cref="IsOverlap"/>). Every
/// caller runs on the unit of work, which runs the transaction again when it lost a lock race (a deadlock, SQLite busy).
/// </summary>
internal static class Placement
{
    /// <summary>PostgreSQL's exclusion_violation: another live appointment or hold already has that provider or room.</summary>
    public static bool IsOverlap(Exception e) => e is DbException { SqlState: "23P01" };

    /// <summary>
    /// Checks the wanted start for a booking, hold or move about to be written in <paramref name="db"/>. Under staff
    /// rules, online holds give way: those in the slot's way are released (and remembered as taken).
    /// </summary>
    public static async Task<(BookingError? Error, Slot? Slot)> FindAsync(
        DbSession db, Service service, Guid? providerId, DateTimeOffset start, BookingSettings settings, DateTimeOffset now, SlotFinder.Rules rules, Guid? except = null)
    {
        if (providerId is { } provider && !service.Providers.Contains(provider))
            return (BookingError.ProviderDoesNotPerform, null);

        // Queue behind anyone booking the same providers or the same kind of room, always in the same order.
        await db.LockAsync(LockKeys(service, providerId));
        // Expired holds give their time back before anyone else looks at it (PostgreSQL's constraints still see them).
        await db.ExecuteAsync("DELETE FROM booking_appointments WHERE tenant_id = @tenant_id AND status = 'Held' AND hold_expires_at <= @now", new { now });
        await db.ExecuteAsync("DELETE FROM booking_taken_holds WHERE tenant_id = @tenant_id AND forget_at <= @now", new { now });
        var (error, slot) = await CheckAsync(db, service, providerId, start, settings, now, rules, except);
        if (slot is not null && rules == SlotFinder.Rules.Staff)
            await ReleaseHoldsAsync(db, service.Needs.Blocked(start), slot);
        return (error, slot);
    }

    /// <summary>Whether the wanted start is free now, changing nothing: for offering a freed slot, not for taking it.</summary>
    public static async Task<(BookingError? Error, Slot? Slot)> CheckAsync(
        DbSession db, Service service, Guid? providerId, DateTimeOffset start, BookingSettings settings, DateTimeOffset now, SlotFinder.Rules rules, Guid? except = null)
    {
        if (providerId is { } provider && !service.Providers.Contains(provider))
            return (BookingError.ProviderDoesNotPerform, null);

        var day = settings.Today(start);
        var diary = await DiaryReader.ReadAsync(db, day.AddDays(-1), day.AddDays(1), settings.Zone, now, except, holdsTakeTime: rules != SlotFinder.Rules.Staff);
        var (problem, slot) = SlotFinder.Check(service.Needs, providerId, start, diary, settings, now, rules);
        return problem == SlotProblem.None ? (null, slot) : (BookingError.From(problem, settings), null);
    }

    private static IEnumerable<string> LockKeys(Service service, Guid? providerId)
    {
        foreach (var provider in providerId is { } one ? [one] : service.Providers)
            yield return $"booking.provider:{provider}";
        if (service.ResourceType is { } type)
            yield return $"booking.rooms:{type.ToLowerInvariant()}";
    }

    /// <summary>Staff book over online holds that are not yet appointments; each hold's link then says its time was taken.</summary>
    private static async Task ReleaseHoldsAsync(DbSession db, Interval blocked, Slot slot)
    {
        var released = await db.QueryAsync<ReleasedHold>(
            """
            DELETE FROM booking_appointments
            WHERE tenant_id = @tenant_id AND status = 'Held' AND blocked_from < @until AND blocked_until > @from
              AND (provider_id = @providerId OR resource_id = @resourceId)
            RETURNING token_hash AS TokenHash, hold_expires_at AS ExpiresAt
            """,
            new { from = blocked.Start, until = blocked.End, providerId = slot.ProviderId, resourceId = slot.ResourceId ?? Guid.Empty });
        foreach (var hold in released)
            await TakenHolds.RememberAsync(db, hold.TokenHash, hold.ExpiresAt);
    }

    private sealed class ReleasedHold
    {
        public string TokenHash { get; init; } = "";

        public DateTimeOffset ExpiresAt { get; init; }
    }
}

using System.Data.Common;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>
/// Finds room in the diary for one appointment inside the caller's write transaction. On SQLite that transaction began
/// IMMEDIATE, so no other writer can take the slot between this check and the insert; on PostgreSQL two transactions
/// can both pass the check, and the exclusion constraints refuse the second insert (<see cref="IsOverlap"/>).
/// </summary>
internal static class Placement
{
    /// <summary>PostgreSQL's exclusion_violation: another live appointment or hold already has that provider or room.</summary>
    public static bool IsOverlap(Exception e) => e is DbException { SqlState: "23P01" };

    /// <summary>
    /// Runs a booking transaction again when PostgreSQL aborted it as a deadlock victim: racers checking both the
    /// provider's and the room's constraint can wait on each other. The retry sees the winner and answers 409.
    /// </summary>
    public static async Task<T> RetryingDeadlocksAsync<T>(Func<Task<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (DbException e) when (e.SqlState == "40P01" && tries < 5)
            {
                await Task.Delay(Random.Shared.Next(5, 25 * tries));
            }
        }
    }

    public static async Task<(BookingError? Error, Slot? Slot)> FindAsync(
        DbSession db, Service service, Guid? providerId, DateTimeOffset start, BookingSettings settings, DateTimeOffset now, SlotFinder.Rules rules, Guid? except = null)
    {
        if (providerId is { } provider && !service.Providers.Contains(provider))
            return (BookingError.ProviderDoesNotPerform, null);

        // Expired holds give their time back before anyone else looks at it.
        await db.ExecuteAsync("DELETE FROM booking_appointments WHERE tenant_id = @tenant_id AND status = 'Held' AND hold_expires_at <= @now", new { now });
        var day = settings.Today(start);
        var diary = await DiaryReader.ReadAsync(db, day.AddDays(-1), day.AddDays(1), settings.Zone, now, except);
        var (problem, slot) = SlotFinder.Check(service.Needs, providerId, start, diary, settings, now, rules);
        return problem == SlotProblem.None ? (null, slot) : (BookingError.From(problem, settings), null);
    }
}

using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>
/// Holds whose time was taken, by someone booking through the hold's link or by staff over it, remembered by the hash
/// of the hold's secret until the hold would have run out, so that its link can tell the visitor what happened.
/// </summary>
internal static class TakenHolds
{
    public static Task RememberAsync(DbSession db, string tokenHash, DateTimeOffset until) =>
        db.ExecuteAsync(
            "INSERT INTO booking_taken_holds (token_hash, tenant_id, forget_at) VALUES (@tokenHash, @tenant_id, @until)",
            new { tokenHash, until });

    public static async Task<bool> WasTakenAsync(DbSession db, string tokenHash, DateTimeOffset now) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_taken_holds WHERE tenant_id = @tenant_id AND token_hash = @tokenHash AND forget_at > @now",
            new { tokenHash, now }) > 0;
}

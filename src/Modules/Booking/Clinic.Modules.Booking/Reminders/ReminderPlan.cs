using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Reminders;

/// <summary>When reminders go out before an appointment: <c>Clinic:Booking:ReminderOffsets</c>, 24 h and 2 h by default.</summary>
internal sealed class ReminderPlan(IReadOnlyList<TimeSpan> offsets)
{
    public static readonly TimeSpan[] DefaultOffsets = [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    public IReadOnlyList<TimeSpan> Offsets => offsets;

    /// <summary>Plans (or re-plans, after a move) the reminders still ahead of an appointment starting at <paramref name="startsAt"/>.</summary>
    public async Task ScheduleAsync(DbSession db, Guid appointmentId, DateTimeOffset startsAt, DateTimeOffset now)
    {
        await CancelAsync(db, appointmentId);
        foreach (var offset in offsets.Where(o => startsAt - o > now))
        {
            await db.ExecuteAsync(
                "INSERT INTO booking_reminders (tenant_id, appointment_id, offset_minutes, due_at) VALUES (@tenant_id, @appointmentId, @minutes, @due)",
                new { appointmentId, minutes = (int)offset.TotalMinutes, due = startsAt - offset });
        }
    }

    public static Task CancelAsync(DbSession db, Guid appointmentId) =>
        db.ExecuteAsync("DELETE FROM booking_reminders WHERE appointment_id = @appointmentId AND tenant_id = @tenant_id", new { appointmentId });
}

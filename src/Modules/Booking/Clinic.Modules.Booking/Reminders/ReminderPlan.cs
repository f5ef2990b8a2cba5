using Clinic.BuildingBlocks.Data;
using Microsoft.Extensions.Configuration;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Booking.Reminders;

/// <summary>When reminders go out before an appointment: <c>Clinic:Booking:ReminderOffsets</c>, 24 h and 2 h by default.</summary>
internal sealed class ReminderPlan(IReadOnlyList<TimeSpan> offsets)
{
    public const string Key = "Clinic:Booking:ReminderOffsets";

    public static readonly TimeSpan[] DefaultOffsets = [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    public IReadOnlyList<TimeSpan> Offsets => offsets;

    /// <summary>
    /// Reads the offsets, refusing at start-up one that could never fire sensibly (zero, negative, beyond the
    /// furthest anyone books ahead) rather than silently sending reminders after the appointment.
    /// </summary>
    public static ReminderPlan From(IConfiguration configuration)
    {
        var entries = configuration.GetSection(Key).GetChildren().ToList();
        if (entries.Count == 0)
            return new ReminderPlan(DefaultOffsets);
        return new ReminderPlan([.. entries
            .Select(entry => HostSettings.ParseDuration(configuration, entry.Path, DefaultOffsets[0], TimeSpan.FromMinutes(1), TimeSpan.FromDays(60)))
            .Distinct()
            .OrderDescending()]);
    }

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

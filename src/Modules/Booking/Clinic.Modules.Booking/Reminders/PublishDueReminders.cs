using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Booking.Reminders;

/// <summary>
/// Publishes <see cref="AppointmentReminderDue"/> for every reminder whose time has come, in each clinic's own
/// transaction with the deletion of the reminder, so a run twice (or on two hosts) publishes each reminder once.
/// </summary>
internal sealed class PublishDueReminders(DueWork due, TimeProvider time) : IClinicJob
{
    public const string Name = "booking-reminders";

    public Task RunAsync(CancellationToken ct) =>
        due.ForEachClinicAsync<DueRow>(
            "SELECT tenant_id AS TenantId, appointment_id AS AppointmentId, offset_minutes AS OffsetMinutes FROM booking_reminders_all_clinics WHERE due_at <= @now ORDER BY due_at LIMIT 500",
            new { now = time.GetUtcNow() },
            d => d.TenantId,
            async (services, reminders, token) =>
            {
                var staff = (await services.GetRequiredService<IStaffDirectory>().ActiveAsync(token)).ToDictionary(s => s.Id, s => s.Name);
                var work = services.GetRequiredService<UnitOfWork>();
                foreach (var reminder in reminders)
                    await work.RunAsync(change => PublishAsync(change.Db, reminder, staff), token);
            },
            ct);

    private static async Task<Outcome<Guid>> PublishAsync(DbSession db, DueRow reminder, Dictionary<Guid, string> staff)
    {
        var deleted = await db.ExecuteAsync(
            "DELETE FROM booking_reminders WHERE tenant_id = @tenant_id AND appointment_id = @id AND offset_minutes = @offset",
            new { id = reminder.AppointmentId, offset = reminder.OffsetMinutes });
        // Another host got there first.
        if (deleted == 0)
            return Outcome.NotFound;

        if (await StoredAppointment.FindAsync(db, reminder.AppointmentId) is { Status: AppointmentStatus.Requested or AppointmentStatus.Confirmed } appointment)
        {
            await db.PublishAsync(new AppointmentReminderDue(
                appointment.Id, appointment.ClientId!.Value, appointment.Service, staff.GetValueOrDefault(appointment.ProviderId, "your clinician"),
                appointment.StartsAt, reminder.OffsetMinutes));
        }

        return reminder.AppointmentId;
    }

    private sealed class DueRow
    {
        public Guid TenantId { get; init; }

        public Guid AppointmentId { get; init; }

        public int OffsetMinutes { get; init; }
    }
}

using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Services;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Evidence kept with an online booking against chargebacks and disputes.</summary>
internal sealed record BookingEvidence(int PolicyVersion, string? Ip, string? UserAgent);

/// <summary>A new live appointment in a slot <see cref="Placement"/> found.</summary>
internal sealed record NewAppointment(
    Guid ClientId,
    Service Service,
    Slot Slot,
    int DurationMinutes,
    AppointmentStatus Status,
    string Source,
    string? Notes,
    BookingEvidence? Evidence);

/// <summary>Writes appointments and what goes with every one: its history, its reminders and the event for other modules.</summary>
internal sealed class AppointmentRows(ReminderPlan reminders)
{
    /// <summary>Inserts the appointment and returns its id. On PostgreSQL a lost race throws (see <see cref="Placement.IsOverlap"/>).</summary>
    public async Task<Guid> InsertAsync(DbSession db, NewAppointment appointment, ChangedBy by, string linkBase, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var token = SecretToken.Create();
        var service = appointment.Service;
        var start = appointment.Slot.StartsAt;
        var end = start.AddMinutes(appointment.DurationMinutes);
        await db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, resource_id, starts_at, ends_at, blocked_from, blocked_until,
                status, source, notes, token_hash, policy_version, booked_ip, booked_user_agent, created_at, updated_at)
            VALUES (@id, @tenant_id, @clientId, @serviceId, @providerId, @resourceId, @start, @end, @blockedFrom, @blockedUntil,
                @status, @source, @notes, @tokenHash, @policyVersion, @ip, @userAgent, @now, @now)
            """,
            new
            {
                id,
                clientId = appointment.ClientId,
                serviceId = service.Id,
                providerId = appointment.Slot.ProviderId,
                resourceId = appointment.Slot.ResourceId,
                start,
                end,
                blockedFrom = start.AddMinutes(-service.BufferBeforeMinutes),
                blockedUntil = end.AddMinutes(service.BufferAfterMinutes),
                status = appointment.Status.ToString(),
                source = appointment.Source,
                notes = appointment.Notes,
                tokenHash = SecretToken.Hash(token),
                policyVersion = appointment.Evidence?.PolicyVersion,
                ip = appointment.Evidence?.Ip,
                userAgent = appointment.Evidence?.UserAgent,
                now,
            });
        await AppointmentLog.RecordAsync(db, id, from: null, appointment.Status, start, by, now);
        await reminders.ScheduleAsync(db, id, start, now);
        await db.PublishAsync(new AppointmentBooked(
            id, appointment.ClientId, service.Id, service.Name, appointment.Slot.ProviderId, start, end,
            appointment.Status.ToString(), appointment.Source, ManageUrl(linkBase, token)));
        return id;
    }

    /// <summary>The client's secret link to see, move or cancel their appointment.</summary>
    public static string ManageUrl(string linkBase, string token) => $"{linkBase}/booking/manage/{token}";
}

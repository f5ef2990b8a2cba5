using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Who changed an appointment: a staff member, or the client through their link (no id).</summary>
internal sealed record ChangedBy(Guid? Id, string Name)
{
    public static readonly ChangedBy Client = new(null, "Client (online)");
}

/// <summary>The history of every appointment: each status change and move, with who and when.</summary>
internal static class AppointmentLog
{
    public static Task WriteAsync(
        DbSession db, Guid appointmentId, AppointmentStatus? from, AppointmentStatus to, DateTimeOffset startsAt, ChangedBy by, DateTimeOffset now, string? reason = null) =>
        db.ExecuteAsync(
            """
            INSERT INTO booking_appointment_changes (id, tenant_id, appointment_id, from_status, to_status, starts_at, actor_id, actor_name, reason, changed_at)
            VALUES (@id, @tenant_id, @appointmentId, @from, @to, @startsAt, @actorId, @actorName, @reason, @now)
            """,
            new { id = Guid.CreateVersion7(), appointmentId, from = from?.ToString(), to = to.ToString(), startsAt, actorId = by.Id, actorName = by.Name, reason, now });
}

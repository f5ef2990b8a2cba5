using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Booking.Contracts;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>A client's reply to a reminder, applied through the same state table as every other change.</summary>
internal sealed class AppointmentReplies(TenantDb tenantDb, IAuditTrail audit, TimeProvider time) : IAppointmentReplies
{
    public const string ConfirmedAction = "appointments.client_confirmed";

    public async Task<bool> ConfirmAsync(Guid clientId, Guid appointmentId, string via, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await tenantDb.BeginAsync(ct);
        if (await StoredAppointment.FindAsync(db, appointmentId) is not { } appointment || appointment.ClientId != clientId || appointment.StartsAt <= now)
            return false;

        var by = new ChangedBy(null, $"Client ({via})");
        if (Lifecycle.After(appointment.Status, AppointmentAction.Confirm) is { } confirmed)
        {
            await db.ExecuteAsync(
                "UPDATE booking_appointments SET status = @to, sequence = sequence + 1, updated_at = @now WHERE tenant_id = @tenant_id AND id = @appointmentId",
                new { appointmentId, to = confirmed.ToString(), now });
            await AppointmentLog.WriteAsync(db, appointmentId, appointment.Status, confirmed, appointment.StartsAt, by, now, "Confirmed by the client's reply");
        }
        else if (appointment.Status == AppointmentStatus.Confirmed)
        {
            // Already confirmed by the clinic: the client's own word goes in the history, where reception sees it.
            await AppointmentLog.WriteAsync(db, appointmentId, appointment.Status, appointment.Status, appointment.StartsAt, by, now, "The client confirmed they are coming");
        }
        else
        {
            return false;
        }

        await audit.RecordAsync(db, new AuditEntry(ConfirmedAction) { ClientId = clientId, RecordId = appointmentId });
        await db.CommitAsync();
        return true;
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Contracts;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>A client's reply to a reminder, applied through the same state table as every other change.</summary>
internal sealed class AppointmentReplies(UnitOfWork work, TimeProvider time) : IAppointmentReplies
{
    public const string ConfirmedAction = "appointments.client_confirmed";

    public async Task<bool> ConfirmAsync(Guid clientId, Guid appointmentId, string via, CancellationToken ct) =>
        (await work.RunAsync(change => ConfirmAsync(change, clientId, appointmentId, via), ct)).Succeeded;

    private async Task<Outcome<bool>> ConfirmAsync(Change change, Guid clientId, Guid appointmentId, string via)
    {
        var db = change.Db;
        var now = time.GetUtcNow();
        if (await StoredAppointment.FindAsync(db, appointmentId) is not { } appointment || appointment.ClientId != clientId || appointment.StartsAt <= now)
            return Outcome.NotFound;

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
            return Outcome.Conflict("The appointment can no longer be confirmed.");
        }

        change.Audit(new AuditEntry(ConfirmedAction) { ClientId = clientId, RecordId = appointmentId });
        return true;
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Booking.Waitlist;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.ChangeAppointmentStatus;

/// <summary>Confirm, check in, start, complete, cancel or mark a no-show: whatever <see cref="Lifecycle"/> allows from here.</summary>
internal static class ChangeAppointmentStatus
{
    internal sealed class Request
    {
        /// <summary>The appointment to change; set from the route or the secret link, never from the form.</summary>
        public Guid AppointmentId { get; set; }

        public string? Action { get; set; }

        /// <summary>Required when cancelling.</summary>
        public string? Reason { get; set; }

        public AppointmentAction? Parsed =>
            Enum.TryParse<AppointmentAction>(Action, ignoreCase: false, out var action) && action != AppointmentAction.Reschedule ? action : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Action).Must((r, _) => r.Parsed is not null).WithMessage("Choose what to do with the appointment.");
            RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the appointment is cancelled.").When(r => r.Parsed == AppointmentAction.Cancel);
            RuleFor(r => r.Reason).SingleLine("Reason", 300);
        }
    }

    /// <summary>The changes the clinic allows now, by the same rule <see cref="Handler"/> applies; pages offer only these.</summary>
    public static IReadOnlyList<AppointmentAction> Offered(AppointmentStatus status, DateTimeOffset startsAt, BookingSettings settings, DateTimeOffset now) =>
        [.. Lifecycle.Allowed(status).Where(action => Refusal(status, startsAt, action, settings, now) is null)];

    /// <summary>
    /// Why <paramref name="action"/> is refused now, or null when it is allowed. Beyond the state table, time decides:
    /// check-in only on the day, a no-show only once the start has passed.
    /// </summary>
    public static string? Refusal(AppointmentStatus status, DateTimeOffset startsAt, AppointmentAction action, BookingSettings settings, DateTimeOffset now)
    {
        if (Lifecycle.After(status, action) is null)
            return $"A {Lifecycle.Label(status).ToLowerInvariant()} appointment cannot be changed that way ({Lifecycle.Label(action).ToLowerInvariant()}).";
        if (action == AppointmentAction.MarkNoShow && now < startsAt)
            return "A client can only be marked as a no-show once the appointment has started.";
        if (action == AppointmentAction.CheckIn && settings.Today(now) != settings.Today(startsAt))
            return "Clients can be checked in on the day of their appointment only.";
        return null;
    }

    internal sealed class Handler(BookingSettings.Store settingsStore, AuditContext auditContext, WaitlistOnCancel waitlist, TimeProvider time)
        : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var (db, id) = (change.Db, command.AppointmentId);
            var action = command.Parsed!.Value;
            var settings = await settingsStore.LoadAsync(db, change.Cancellation);
            var now = time.GetUtcNow();
            if (await StoredAppointment.FindAsync(db, id) is not { } appointment)
                return Outcome.NotFound;

            if (Refusal(appointment.Status, appointment.StartsAt, action, settings, now) is { } refusal)
                return Outcome.Conflict(refusal, nameof(Request.Action));

            var to = Lifecycle.After(appointment.Status, action)!.Value;
            var late = action == AppointmentAction.Cancel && settings.IsLateCancel(now, appointment.StartsAt);
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            await db.ExecuteAsync(
                """
                UPDATE booking_appointments
                SET status = @to, sequence = sequence + 1, updated_at = @now,
                    cancel_reason = CASE WHEN @cancelled THEN @reason ELSE cancel_reason END,
                    late_cancel = CASE WHEN @cancelled THEN @late ELSE late_cancel END
                WHERE tenant_id = @tenant_id AND id = @id
                """,
                new { id, to = to.ToString(), now, cancelled = action == AppointmentAction.Cancel, reason, late });
            var by = auditContext.Actor is { } actor ? new ChangedBy(actor.Id, actor.Name) : ChangedBy.Client;
            await AppointmentLog.WriteAsync(db, id, appointment.Status, to, appointment.StartsAt, by, now, reason);
            await PublishAsync(db, appointment, action, reason, late, by, now);
            // The waitlist hook: a cancelled slot is offered, in this transaction, to the first client waiting for it.
            if (action == AppointmentAction.Cancel)
                await waitlist.OfferAsync(db, appointment, settings, now);
            change.Audit(new AuditEntry($"appointments.{action.ToString().ToLowerInvariant()}") { ClientId = appointment.ClientId, RecordId = id });
            return id;
        }

        private static async Task PublishAsync(
            DbSession db, StoredAppointment appointment, AppointmentAction action, string? reason, bool late, ChangedBy by, DateTimeOffset now)
        {
            var client = appointment.ClientId!.Value;
            switch (action)
            {
                case AppointmentAction.Cancel:
                    await ReminderPlan.CancelAsync(db, appointment.Id);
                    await db.PublishAsync(new AppointmentCancelled(appointment.Id, client, appointment.ProviderId, appointment.StartsAt, reason!, late, by.Name));
                    break;
                case AppointmentAction.MarkNoShow:
                    await ReminderPlan.CancelAsync(db, appointment.Id);
                    await db.PublishAsync(new AppointmentNoShow(appointment.Id, client, appointment.ProviderId, appointment.StartsAt));
                    break;
                case AppointmentAction.Complete:
                    await db.PublishAsync(new AppointmentCompleted(
                        appointment.Id, client, appointment.ServiceId, appointment.Service, appointment.ProviderId, appointment.Price, appointment.Currency, now));
                    break;
            }
        }
    }
}

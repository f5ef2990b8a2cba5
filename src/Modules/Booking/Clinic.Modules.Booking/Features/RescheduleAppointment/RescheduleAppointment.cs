using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.RescheduleAppointment;

/// <summary>Moves an appointment to another time, and optionally another provider, keeping its length.</summary>
internal static class RescheduleAppointment
{
    public const string AuditAction = "appointments.rescheduled";

    internal sealed class Request
    {
        /// <summary>The appointment to move; set from the route or the secret link, never from the form.</summary>
        public Guid AppointmentId { get; set; }

        /// <summary>Staff may move into any free working time; a client's own link only into a time offered online. Set by the caller.</summary>
        public SlotFinder.Rules Rules { get; set; } = SlotFinder.Rules.Staff;

        public string? Date { get; set; }

        public string? Time { get; set; }

        /// <summary>Blank keeps the current provider.</summary>
        public string? ProviderId { get; set; }

        public DateTime? Starts =>
            DateTime.TryParseExact($"{Date?.Trim()} {Time?.Trim()}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;

        public Guid? Provider => Guid.TryParse(ProviderId, out var id) ? id : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Date).Must(d => ClinicDates.ParseValue(d?.Trim()) is not null)
                .WithMessage("Enter the new date as a real date, e.g. 2026-11-23.");
            RuleFor(r => r.Time).Must((r, _) => r.Starts is not null).WithMessage("Enter the new start time, e.g. 14:30.");
            RuleFor(r => r.ProviderId).Must((r, _) => r.Provider is not null).WithMessage("Choose a provider, or leave it as it is.")
                .When(r => !string.IsNullOrWhiteSpace(r.ProviderId));
        }
    }

    /// <summary>
    /// Moves the appointment as a validated request asks, queueing behind anyone booking the same providers or rooms
    /// (<see cref="Placement"/>); a lost lock race runs it again and then sees the winner.
    /// </summary>
    internal sealed class Handler(BookingSettings.Store settingsStore, ReminderPlan reminders, AuditContext auditContext, TimeProvider time)
        : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var (db, id) = (change.Db, command.AppointmentId);
            var settings = await settingsStore.LoadAsync(db, change.Cancellation);
            var now = time.GetUtcNow();
            var start = LocalTime.ToInstant(command.Starts!.Value, settings.Zone);
            if (await StoredAppointment.FindAsync(db, id) is not { } appointment)
                return Outcome.NotFound;
            if (Lifecycle.After(appointment.Status, AppointmentAction.Reschedule) is null)
                return Outcome.Conflict($"A {Lifecycle.Label(appointment.Status).ToLowerInvariant()} appointment cannot be moved.", nameof(Request.Time));

            var service = (await ServiceCatalog.FindAsync(db, appointment.ServiceId))! with { DurationMinutes = appointment.DurationMinutes };
            var (error, slot) = await Placement.FindAsync(db, service, command.Provider ?? appointment.ProviderId, start, settings, now, command.Rules, except: id);
            if (error is not null)
                return error.Refuse(nameof(Request.Time));

            var end = start.AddMinutes(service.DurationMinutes);
            try
            {
                await db.ExecuteAsync(
                    """
                    UPDATE booking_appointments
                    SET starts_at = @start, ends_at = @end, blocked_from = @blockedFrom, blocked_until = @blockedUntil,
                        provider_id = @providerId, resource_id = @resourceId, sequence = sequence + 1, updated_at = @now
                    WHERE tenant_id = @tenant_id AND id = @id
                    """,
                    new
                    {
                        id,
                        start,
                        end,
                        blockedFrom = start.AddMinutes(-service.BufferBeforeMinutes),
                        blockedUntil = end.AddMinutes(service.BufferAfterMinutes),
                        providerId = slot!.ProviderId,
                        resourceId = slot.ResourceId,
                        now,
                    });
            }
            catch (Exception e) when (Placement.IsOverlap(e))
            {
                return BookingError.Overlap.Refuse(nameof(Request.Time));
            }

            var by = auditContext.Actor is { } actor ? new ChangedBy(actor.Id, actor.Name) : ChangedBy.Client;
            await AppointmentLog.WriteAsync(db, id, appointment.Status, appointment.Status, start, by, now, $"Moved from {ClinicDates.Moment(appointment.StartsAt, settings.Zone)}");
            await reminders.ScheduleAsync(db, id, start, now);
            change.Publish(new AppointmentRescheduled(id, appointment.ClientId!.Value, slot.ProviderId, appointment.StartsAt, start, end));
            change.Audit(new AuditEntry(AuditAction) { ClientId = appointment.ClientId, RecordId = id });
            return id;
        }
    }
}

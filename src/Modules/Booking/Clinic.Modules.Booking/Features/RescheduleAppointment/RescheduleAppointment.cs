using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Booking.Features.RescheduleAppointment;

/// <summary>Moves an appointment to another time, and optionally another provider, keeping its length.</summary>
internal static class RescheduleAppointment
{
    public const string AuditAction = "appointments.rescheduled";

    internal sealed class Request
    {
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
            RuleFor(r => r.Date).Must(d => DateOnly.TryParseExact(d?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var _))
                .WithMessage("Enter the new date as a real date, e.g. 2026-11-23.");
            RuleFor(r => r.Time).Must((r, _) => r.Starts is not null).WithMessage("Enter the new start time, e.g. 14:30.");
            RuleFor(r => r.ProviderId).Must((r, _) => r.Provider is not null).WithMessage("Choose a provider, or leave it as it is.")
                .When(r => !string.IsNullOrWhiteSpace(r.ProviderId));
        }
    }

    internal sealed class Handler(
        TenantDb tenantDb, BookingSettings.Store settingsStore, ReminderPlan reminders, IAuditTrail audit, AuditContext auditContext, TimeProvider time, ILogger<Handler> log)
    {
        /// <summary>Moves the appointment as a validated request asks; null on success, otherwise why not.</summary>
        public async Task<BookingError?> HandleAsync(Guid id, Request request, SlotFinder.Rules rules, CancellationToken ct)
        {
            var settings = await settingsStore.LoadAsync(ct);
            var now = time.GetUtcNow();
            var start = LocalTime.ToInstant(request.Starts!.Value, settings.Zone);
            return await Placement.RetryingDeadlocksAsync(log, () => MoveAsync(id, request.Provider, start, rules, settings, now, ct));
        }

        private async Task<BookingError?> MoveAsync(Guid id, Guid? provider, DateTimeOffset start, SlotFinder.Rules rules, BookingSettings settings, DateTimeOffset now, CancellationToken ct)
        {
            try
            {
                await using var db = await tenantDb.BeginAsync(ct);
                if (await StoredAppointment.FindAsync(db, id) is not { } appointment)
                    return BookingError.NotFound;
                if (Lifecycle.After(appointment.Status, AppointmentAction.Reschedule) is null)
                {
                    return new BookingError(StatusCodes.Status409Conflict, "StartsAt",
                        $"A {Lifecycle.Label(appointment.Status).ToLowerInvariant()} appointment cannot be moved.");
                }

                var service = (await ServiceCatalog.FindAsync(db, appointment.ServiceId))! with { DurationMinutes = appointment.DurationMinutes };
                var (error, slot) = await Placement.FindAsync(db, service, provider ?? appointment.ProviderId, start, settings, now, rules, except: id);
                if (error is not null)
                    return error;

                var end = start.AddMinutes(service.DurationMinutes);
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
                var by = auditContext.Actor is { } actor ? new ChangedBy(actor.Id, actor.Name) : ChangedBy.Client;
                await AppointmentLog.RecordAsync(db, id, appointment.Status, appointment.Status, start, by, now, $"Moved from {settings.Local(appointment.StartsAt):yyyy-MM-dd HH:mm}");
                await reminders.ScheduleAsync(db, id, start, now);
                await db.PublishAsync(new AppointmentRescheduled(id, appointment.ClientId!.Value, slot.ProviderId, appointment.StartsAt, start, end));
                await audit.RecordAsync(db, new AuditEntry(AuditAction) { ClientId = appointment.ClientId, RecordId = id });
                await db.CommitAsync();
                return null;
            }
            catch (Exception e) when (Placement.IsOverlap(e))
            {
                return BookingError.Overlap;
            }
        }
    }
}

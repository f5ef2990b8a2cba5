using System.Globalization;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Features.ChangeAppointmentStatus;
using Clinic.Modules.Booking.Features.OnlineBooking;
using Clinic.Modules.Booking.Features.RescheduleAppointment;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Features.ManageBooking;

/// <summary>
/// The client's secret link: see the appointment, and cancel or move it while the clinic's policy allows; both go
/// through the same handlers as staff changes, so history, reminders and events stay consistent.
/// </summary>
internal static class ManageBooking
{
    public const string DefaultReason = "Cancelled by the client online";

    internal sealed class CancelRequest
    {
        public string? Reason { get; set; }
    }

    internal sealed class CancelValidator : AbstractValidator<CancelRequest>
    {
        public CancelValidator() => RuleFor(r => r.Reason).SingleLine("Reason", 300);
    }

    internal sealed class MoveRequest
    {
        /// <summary>The new start as a UTC instant, as the slot buttons post it.</summary>
        public string? StartsAt { get; set; }

        public DateTimeOffset? Start =>
            DateTimeOffset.TryParseExact(StartsAt, OnlineBooking.OnlineBooking.InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    /// <summary>The appointment as its client sees it, and whether the policy still lets them change it.</summary>
    internal sealed record View(StoredAppointment Appointment, Service Service, string Provider, string Clinic, BookingSettings Settings, bool CanChange)
    {
        public DateTimeOffset StartsAt => Settings.Local(Appointment.StartsAt);
    }

    public static readonly BookingError TooLate = new(
        StatusCodes.Status409Conflict, "", "This appointment is too close to change online. Please contact the clinic.");

    internal sealed class Handler(
        TenantDb tenantDb,
        BookingSettings.Store settingsStore,
        IStaffDirectory staff,
        ITenantDirectory clinics,
        ITenantContext tenant,
        UnitOfWork work,
        TimeProvider time)
    {
        /// <summary>The appointment the secret names, or null; reading it changes nothing.</summary>
        public async Task<View?> FindAsync(string? token, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(token) || token.Length > 100)
                return null;
            StoredAppointment? appointment;
            Service? service;
            await using (var db = await tenantDb.ReadAsync(ct))
            {
                var id = await db.ExecuteScalarAsync<Guid?>(
                    "SELECT id FROM booking_appointments WHERE tenant_id = @tenant_id AND token_hash = @hash AND status <> 'Held'",
                    new { hash = SecretToken.Hash(token) });
                appointment = id is { } found ? await StoredAppointment.FindAsync(db, found) : null;
                service = appointment is null ? null : await ServiceCatalog.FindAsync(db, appointment.ServiceId);
            }

            if (appointment is null || service is null)
                return null;
            var settings = await settingsStore.LoadAsync(ct);
            var provider = (await staff.ActiveAsync(ct)).FirstOrDefault(s => s.Id == appointment.ProviderId)?.Name ?? "Your clinician";
            var clinic = (await clinics.FindAsync(tenant.Required, ct))?.Name ?? "the clinic";
            var canChange = appointment.Status is AppointmentStatus.Requested or AppointmentStatus.Confirmed
                && !settings.IsLateCancel(time.GetUtcNow(), appointment.StartsAt);
            return new View(appointment, service, provider, clinic, settings, canChange);
        }

        public async Task<BookingError?> CancelAsync(string? token, CancelRequest request, CancellationToken ct)
        {
            if (await FindAsync(token, ct) is not { } view)
                return BookingError.NotFound;
            if (!view.CanChange)
                return TooLate;
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? DefaultReason : request.Reason.Trim();
            return BookingError.Of(await work.RunAsync<ChangeAppointmentStatus.ChangeAppointmentStatus.Request, Guid>(
                new() { AppointmentId = view.Appointment.Id, Action = nameof(AppointmentAction.Cancel), Reason = reason }, ct));
        }

        /// <summary>Moves the appointment to another online slot with the same provider.</summary>
        public async Task<BookingError?> MoveAsync(string? token, MoveRequest request, CancellationToken ct)
        {
            if (await FindAsync(token, ct) is not { } view)
                return BookingError.NotFound;
            if (!view.CanChange)
                return TooLate;
            if (request.Start is not { } start)
                return new BookingError(StatusCodes.Status400BadRequest, "StartsAt", "Choose one of the times shown.");
            var local = view.Settings.Local(start);
            return BookingError.Of(await work.RunAsync<RescheduleAppointment.RescheduleAppointment.Request, Guid>(
                new()
                {
                    AppointmentId = view.Appointment.Id,
                    Rules = SlotFinder.Rules.Online,
                    Date = ClinicDates.Value(DateOnly.FromDateTime(local.DateTime)),
                    Time = ClinicDates.Time(local),
                },
                ct));
        }

    }
}

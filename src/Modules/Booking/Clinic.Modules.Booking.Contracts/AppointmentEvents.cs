using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Booking.Contracts;

/// <summary>
/// An appointment was booked, by staff or online. <see cref="ManageUrl"/> is the client's secret link to reschedule or
/// cancel it within the clinic's policy, sealed (ADR 0018); Messaging puts it in the confirmation. Times are instants.
/// </summary>
[EventName("booking.appointment-booked.v1")]
public sealed record AppointmentBooked(
    Guid AppointmentId,
    Guid ClientId,
    Guid ServiceId,
    string Service,
    Guid ProviderId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    string Source,
    SealedSecret ManageUrl) : IntegrationEvent;

/// <summary>An appointment moved to another time or provider.</summary>
[EventName("booking.appointment-rescheduled.v1")]
public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    Guid ClientId,
    Guid ProviderId,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt) : IntegrationEvent;

/// <summary>An appointment was cancelled; <see cref="LateCancel"/> says it fell inside the policy's notice period.</summary>
[EventName("booking.appointment-cancelled.v1")]
public sealed record AppointmentCancelled(
    Guid AppointmentId,
    Guid ClientId,
    Guid ProviderId,
    DateTimeOffset StartsAt,
    string Reason,
    bool LateCancel,
    string CancelledBy) : IntegrationEvent;

/// <summary>The treatment was given. Billing invoices <see cref="Price"/> in <see cref="Currency"/>.</summary>
[EventName("booking.appointment-completed.v1")]
public sealed record AppointmentCompleted(
    Guid AppointmentId,
    Guid ClientId,
    Guid ServiceId,
    string Service,
    Guid ProviderId,
    decimal Price,
    string Currency,
    DateTimeOffset CompletedAt) : IntegrationEvent;

/// <summary>The client did not come.</summary>
[EventName("booking.appointment-no-show.v1")]
public sealed record AppointmentNoShow(Guid AppointmentId, Guid ClientId, Guid ProviderId, DateTimeOffset StartsAt) : IntegrationEvent;

/// <summary>A reminder is due <see cref="OffsetMinutes"/> before the appointment; Messaging sends it.</summary>
[EventName("booking.appointment-reminder-due.v1")]
public sealed record AppointmentReminderDue(
    Guid AppointmentId,
    Guid ClientId,
    string Service,
    string Provider,
    DateTimeOffset StartsAt,
    int OffsetMinutes) : IntegrationEvent;

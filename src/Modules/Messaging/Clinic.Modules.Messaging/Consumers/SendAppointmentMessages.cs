using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;
using static Clinic.Modules.Messaging.Queue.MessageValues;

namespace Clinic.Modules.Messaging.Consumers;

/// <summary>
/// Booking's appointment events become messages to the client. Each idempotency key carries the appointment's time,
/// so a moved appointment gets fresh messages while a repeated event gets none.
/// </summary>
internal sealed class SendAppointmentMessages(TimeProvider time) :
    IIntegrationEventHandler<AppointmentBooked>,
    IIntegrationEventHandler<AppointmentRescheduled>,
    IIntegrationEventHandler<AppointmentCancelled>,
    IIntegrationEventHandler<AppointmentNoShow>,
    IIntegrationEventHandler<AppointmentReminderDue>
{
    public Task HandleAsync(AppointmentBooked booked, DbSession db, CancellationToken ct) =>
        QueueAsync(
            db,
            MessageKinds.Confirmation,
            $"{booked.AppointmentId}",
            booked.ClientId,
            new()
            {
                [AppointmentId] = booked.AppointmentId.ToString(),
                [MessageKinds.Service.Name] = booked.Service,
                [MessageKinds.StartsAt.Name] = Instant(booked.StartsAt),
            },
            new() { [MessageKinds.ManageUrl.Name] = booked.ManageUrl });

    public Task HandleAsync(AppointmentRescheduled moved, DbSession db, CancellationToken ct) =>
        QueueAsync(db, MessageKinds.Rescheduled, $"{moved.AppointmentId}:{Instant(moved.StartsAt)}", moved.ClientId, new()
        {
            [AppointmentId] = moved.AppointmentId.ToString(),
            [MessageKinds.StartsAt.Name] = Instant(moved.StartsAt),
            [MessageKinds.PreviousStartsAt.Name] = Instant(moved.PreviousStartsAt),
        });

    public Task HandleAsync(AppointmentCancelled cancelled, DbSession db, CancellationToken ct) =>
        QueueAsync(db, MessageKinds.Cancelled, $"{cancelled.AppointmentId}", cancelled.ClientId, new()
        {
            [AppointmentId] = cancelled.AppointmentId.ToString(),
            [MessageKinds.StartsAt.Name] = Instant(cancelled.StartsAt),
            [MessageKinds.Reason.Name] = cancelled.Reason,
        });

    public Task HandleAsync(AppointmentNoShow missed, DbSession db, CancellationToken ct) =>
        QueueAsync(db, MessageKinds.NoShow, $"{missed.AppointmentId}", missed.ClientId, new()
        {
            [AppointmentId] = missed.AppointmentId.ToString(),
            [MessageKinds.StartsAt.Name] = Instant(missed.StartsAt),
        });

    public Task HandleAsync(AppointmentReminderDue due, DbSession db, CancellationToken ct) =>
        QueueAsync(db, MessageKinds.Reminder, $"{due.OffsetMinutes}m:{due.AppointmentId}:{Instant(due.StartsAt)}", due.ClientId, new()
        {
            [AppointmentId] = due.AppointmentId.ToString(),
            [MessageKinds.Service.Name] = due.Service,
            [MessageKinds.Provider.Name] = due.Provider,
            [MessageKinds.StartsAt.Name] = Instant(due.StartsAt),
        });

    private Task<bool> QueueAsync(
        DbSession db, MessageKind kind, string cause, Guid clientId, Dictionary<string, string> data, Dictionary<string, SealedSecret>? links = null) =>
        MessageQueue.QueueAsync(db, new MessageRequest(kind.Key, $"{kind.Key}:{cause}", Recipient.Client(clientId), data, links), time.GetUtcNow());
}

namespace Clinic.Modules.Booking.Contracts;

/// <summary>What a client's answer to a reminder does to their appointment; Messaging calls it for a "C" or "confirm" reply.</summary>
public interface IAppointmentReplies
{
    /// <summary>
    /// The client confirms they are coming: a requested appointment becomes confirmed, a confirmed one records the
    /// client's word in its history. False when the appointment is not this client's, or is past being confirmed.
    /// </summary>
    Task<bool> ConfirmAsync(Guid clientId, Guid appointmentId, string via, CancellationToken ct);
}

/// <summary>The default while Booking is switched off: there is no appointment for a reply to confirm.</summary>
public sealed class NoAppointmentReplies : IAppointmentReplies
{
    public Task<bool> ConfirmAsync(Guid clientId, Guid appointmentId, string via, CancellationToken ct) => Task.FromResult(false);
}

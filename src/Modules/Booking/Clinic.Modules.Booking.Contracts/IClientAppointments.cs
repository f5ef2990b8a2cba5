namespace Clinic.Modules.Booking.Contracts;

/// <summary>An appointment as its client sees it, with times in the clinic's time zone.</summary>
public sealed record ClientAppointment(Guid Id, string Service, string Provider, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);

/// <summary>One client's appointments, for the client portal and the client's profile.</summary>
public interface IClientAppointments
{
    /// <summary>Appointments from now on that are still going ahead, earliest first.</summary>
    Task<IReadOnlyList<ClientAppointment>> UpcomingAsync(Guid clientId, CancellationToken ct);
}

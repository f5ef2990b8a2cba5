namespace Clinic.Modules.Booking.Contracts;

/// <summary>An appointment as its client sees it, with times in the clinic's time zone.</summary>
public sealed record ClientAppointment(Guid Id, string Service, string Provider, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);

/// <summary>One client's appointments, for the client portal and the client's profile.</summary>
public interface IClientAppointments
{
    /// <summary>Appointments from now on that are still going ahead, earliest first.</summary>
    Task<IReadOnlyList<ClientAppointment>> UpcomingAsync(Guid clientId, CancellationToken ct);

    /// <summary>One appointment as it stands now, whatever its status (Messaging words its messages from it), or null.</summary>
    Task<ClientAppointment?> FindAsync(Guid appointmentId, CancellationToken ct);
}

/// <summary>The default while Booking is switched off: nobody has an appointment.</summary>
public sealed class NoAppointments : IClientAppointments
{
    public Task<IReadOnlyList<ClientAppointment>> UpcomingAsync(Guid clientId, CancellationToken ct) => Task.FromResult<IReadOnlyList<ClientAppointment>>([]);

    public Task<ClientAppointment?> FindAsync(Guid appointmentId, CancellationToken ct) => Task.FromResult<ClientAppointment?>(null);
}

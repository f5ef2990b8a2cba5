namespace Clinic.Modules.Booking.Contracts;

/// <summary>A service as a segment picker lists it.</summary>
public sealed record ServiceChoice(Guid Id, string Name);

/// <summary>For Messaging's campaigns: clients chosen by their completed visits.</summary>
public interface IClientVisits
{
    /// <summary>The clinic's services, active or not, by name.</summary>
    Task<IReadOnlyList<ServiceChoice>> ServicesAsync(CancellationToken ct);

    /// <summary>
    /// Clients whose last completed visit falls on or after <paramref name="onOrAfter"/> and before
    /// <paramref name="before"/> (dates in the clinic's time zone; either may be open); audited once.
    /// </summary>
    Task<IReadOnlyList<Guid>> LastVisitAsync(DateOnly? onOrAfter, DateOnly? before, CancellationToken ct);

    /// <summary>Clients who have completed an appointment for this service; audited once.</summary>
    Task<IReadOnlyList<Guid>> ReceivedAsync(Guid serviceId, CancellationToken ct);
}

/// <summary>The default while Booking is switched off: no services and no visits, so a segment by visits finds nobody.</summary>
public sealed class NoVisits : IClientVisits
{
    public Task<IReadOnlyList<ServiceChoice>> ServicesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ServiceChoice>>([]);

    public Task<IReadOnlyList<Guid>> LastVisitAsync(DateOnly? onOrAfter, DateOnly? before, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([]);

    public Task<IReadOnlyList<Guid>> ReceivedAsync(Guid serviceId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([]);
}

namespace Clinic.BuildingBlocks.Events;

/// <summary>A fact one module publishes for others, e.g. AppointmentBooked. Lives in the publisher's Contracts.</summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
}

/// <summary>Handles one event inside the handler's own transaction, which also records it in the module's inbox.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, Data.DbSession db, CancellationToken ct);
}

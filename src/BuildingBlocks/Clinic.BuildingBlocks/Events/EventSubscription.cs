using Clinic.BuildingBlocks.Data;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// One handler subscribed to one event, by the event's stored name. <see cref="Deliver"/> reads the payload as the
/// event's type and calls the handler, typed when it is registered, so dispatch needs no reflection. The handler's
/// module owns the inbox that deduplicates it.
/// </summary>
public sealed record EventSubscription(string EventName, Type EventType, Type HandlerType, EventDelivery Deliver);

/// <summary>Reads a stored payload and hands it to the subscribed handler, resolved from the delivery's scope.</summary>
public delegate Task EventDelivery(IServiceProvider services, string payload, DbSession db, CancellationToken ct);

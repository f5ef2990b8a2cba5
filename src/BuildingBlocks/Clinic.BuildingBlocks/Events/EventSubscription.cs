namespace Clinic.BuildingBlocks.Events;

/// <summary>One handler subscribed to one event type; the handler's module owns the inbox that deduplicates it.</summary>
public sealed record EventSubscription(Type EventType, Type HandlerType);

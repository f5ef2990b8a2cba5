using System.Reflection;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// The name an integration event is stored and routed under, <c>&lt;module&gt;.&lt;event&gt;.v&lt;n&gt;</c>
/// (<c>booking.appointment-booked.v1</c>): it outlives the type's name and namespace, so moving or renaming the type
/// strands no waiting event. A change to the payload that old handlers cannot read takes a new version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Reads an event type's <see cref="EventNameAttribute"/>, once per type.</summary>
public static class EventNames
{
    public static string Of<TEvent>()
        where TEvent : IntegrationEvent => Declared<TEvent>.Name;

    public static string Of(Type eventType) => Read(eventType);

    private static string Read(Type eventType) =>
        eventType.GetCustomAttribute<EventNameAttribute>(inherit: false)?.Name
        ?? throw new InvalidOperationException($"{eventType.Name} declares no [EventName(\"<module>.<event>.v1\")], so it has no name to be stored under.");

    private static class Declared<TEvent>
        where TEvent : IntegrationEvent
    {
        public static readonly string Name = Read(typeof(TEvent));
    }
}

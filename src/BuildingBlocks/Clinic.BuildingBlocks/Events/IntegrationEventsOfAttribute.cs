using System.Reflection;

namespace Clinic.BuildingBlocks.Events;

/// <summary>Names the module whose outbox carries the integration events declared in this Contracts assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class IntegrationEventsOfAttribute(string module) : Attribute
{
    public string Module { get; } = module;

    public static string ModuleOf(Type eventType) =>
        eventType.Assembly.GetCustomAttribute<IntegrationEventsOfAttribute>()?.Module
        ?? throw new InvalidOperationException(
            $"{eventType.Name} is in an assembly without [assembly: IntegrationEventsOf(\"<Module>\")], so it has no outbox.");
}

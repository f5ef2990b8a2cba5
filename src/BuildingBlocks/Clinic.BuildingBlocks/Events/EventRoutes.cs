using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Loader;
using Clinic.BuildingBlocks.Modules;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// Who hears each stored event name, with the inbox each handler records it in, built once at start-up so that
/// dispatch only looks names up; and the events each enabled module publishes, so that one nobody hears is reported.
/// </summary>
public sealed class EventRoutes
{
    private readonly FrozenDictionary<string, Subscriber[]> _byName;
    private readonly FrozenSet<string> _published;

    public EventRoutes(ModuleSet modules, IEnumerable<EventSubscription> subscriptions)
    {
        _byName = subscriptions
            .Select(s => new Subscriber(s, modules.OwnerOf(s.HandlerType.Assembly)?.Name
                ?? throw new InvalidOperationException($"{s.HandlerType.Name} subscribes to {s.EventName} but belongs to no enabled module, so it has no inbox.")))
            .GroupBy(s => s.Subscription.EventName, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Published = [.. modules.All.SelectMany(m => PublishedBy(m).Select(type => new PublishedEvent(m.Name, EventNames.Of(type))))];
        _published = Published.Select(e => e.EventName).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every event the enabled modules declare in their Contracts (or, for an external module, in itself).</summary>
    public IReadOnlyList<PublishedEvent> Published { get; }

    /// <summary>The published events no enabled module subscribes to.</summary>
    public IEnumerable<PublishedEvent> Unheard => Published.Where(e => !_byName.ContainsKey(e.EventName));

    public IReadOnlyList<Subscriber> For(string eventName) => _byName.GetValueOrDefault(eventName) ?? [];

    public bool IsPublished(string eventName) => _published.Contains(eventName);

    private static IEnumerable<Type> PublishedBy(LoadedModule module)
    {
        var contracts = module.Assembly.GetName().Name + ".Contracts";
        var context = AssemblyLoadContext.GetLoadContext(module.Assembly) ?? AssemblyLoadContext.Default;
        var assemblies = module.Assembly.GetReferencedAssemblies()
            .Where(reference => reference.Name == contracts)
            .Select(context.LoadFromAssemblyName)
            .Prepend(module.Assembly);
        return assemblies
            .Where(assembly => string.Equals(assembly.GetCustomAttribute<IntegrationEventsOfAttribute>()?.Module, module.Name, StringComparison.Ordinal))
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsAbstract: false } && type.IsSubclassOf(typeof(IntegrationEvent)));
    }

    /// <summary>A subscription and the module whose inbox records that it handled an event.</summary>
    public sealed record Subscriber(EventSubscription Subscription, string InboxModule);

    public sealed record PublishedEvent(string Module, string EventName);
}

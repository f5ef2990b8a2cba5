using System.Reflection;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Events;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>Events are published from Contracts, so consumers reference the publisher's types, not copies of them.</summary>
public sealed partial class IntegrationEventTests
{
    [Fact]
    public void Every_integration_event_declares_a_stable_name_of_its_own_module_that_no_other_event_takes()
    {
        var events = Codebase.Modules
            .SelectMany(module => module.Contracts.GetTypes()
                .Where(type => type is { IsAbstract: false } && type.IsSubclassOf(typeof(IntegrationEvent)))
                .Select(type => (Module: module, Type: type, Name: type.GetCustomAttribute<EventNameAttribute>(inherit: false)?.Name)))
            .ToList();

        var offences = events
            .Where(e => e.Name is null || !StableName().IsMatch(e.Name) || !e.Name.StartsWith(e.Module.Name.ToLowerInvariant() + ".", StringComparison.Ordinal))
            .Select(e => $"{e.Type.FullName} is named {e.Name ?? "nothing"}; declare [EventName(\"{e.Module.Name.ToLowerInvariant()}.<event-in-kebab-case>.v1\")]")
            .Concat(events.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Key is not null && g.Count() > 1)
                .Select(g => $"{g.Key} names {string.Join(" and ", g.Select(e => e.Type.FullName))}"))
            .ToList();

        Assert.True(events.Count >= 10, $"Only {events.Count} integration events found; the scan is not looking where they are.");
        Offences.AssertNone(offences);
    }

    [Fact]
    public void Every_contracts_assembly_declares_the_events_of_its_own_module()
    {
        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), Codebase.Modules.Select(m => m.Name).ToHashSet());
        Assert.All(Codebase.Modules, module =>
            Assert.Equal(module.Name, module.Contracts.GetCustomAttribute<IntegrationEventsOfAttribute>()?.Module));
    }

    [Fact]
    public void Integration_events_live_only_in_contracts_assemblies()
    {
        var assemblies = Codebase.Modules.SelectMany(m => new[] { m.Implementation, m.Contracts })
            .Append(Codebase.BuildingBlocks)
            .Append(Codebase.Host)
            .ToList();

        var misplaced = assemblies
            .Where(assembly => !assembly.GetName().Name!.EndsWith(".Contracts", StringComparison.Ordinal))
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type != typeof(IntegrationEvent) && typeof(IntegrationEvent).IsAssignableFrom(type))
            .Select(type => $"{type.FullName} is in {type.Assembly.GetName().Name}")
            .ToList();

        Assert.Superset(Codebase.BuiltInModules.Select(m => $"Clinic.Modules.{m}").ToHashSet(), assemblies.Select(a => a.GetName().Name ?? "").ToHashSet());
        Offences.AssertNone(misplaced);
    }

    [GeneratedRegex("^[a-z]+\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StableName();
}

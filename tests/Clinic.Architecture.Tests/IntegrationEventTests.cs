using System.Reflection;
using Clinic.BuildingBlocks.Events;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>Events are published from Contracts, so consumers reference the publisher's types, not copies of them.</summary>
public sealed class IntegrationEventTests
{
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
}

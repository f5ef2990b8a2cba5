using System.Reflection;

namespace Clinic.BuildingBlocks.Modules;

/// <summary>A module the host has enabled, with the assembly its pages, schema and handlers come from.</summary>
public sealed record LoadedModule(IClinicModule Module, bool IsExternal)
{
    public string Name => Module.Name;

    public Assembly Assembly => Module.GetType().Assembly;
}

/// <summary>The enabled modules, in start and migration order.</summary>
public sealed class ModuleSet(IReadOnlyList<LoadedModule> modules)
{
    public IReadOnlyList<LoadedModule> All { get; } = modules;

    public IEnumerable<Assembly> Assemblies => All.Select(m => m.Assembly);

    public LoadedModule? OwnerOf(Assembly assembly) => All.FirstOrDefault(m => m.Assembly == assembly);
}

namespace Clinic.BuildingBlocks.Modules;

/// <summary>A module could not be loaded; the message names it so the operator knows which folder to fix.</summary>
public sealed class ModuleLoadException(string module, string problem)
    : Exception($"Module error: {module}: {problem}")
{
    public string Module { get; } = module;
}

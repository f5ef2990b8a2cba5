namespace Clinic.BuildingBlocks.Modules;

public static class ModuleNames
{
    /// <summary>The prefix every table of the module starts with, e.g. "booking_".</summary>
    public static string TablePrefix(string moduleName) => moduleName.ToLowerInvariant() + "_";
}

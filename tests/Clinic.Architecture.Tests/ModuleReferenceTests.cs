using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>Modules meet only through BuildingBlocks and each other's Contracts.</summary>
public sealed class ModuleReferenceTests
{
    [Fact]
    public void The_tests_inspect_every_built_in_module()
    {
        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), Codebase.Modules.Select(m => m.Name).ToHashSet());
    }

    [Fact]
    public void A_module_references_only_BuildingBlocks_and_other_modules_contracts()
    {
        var offences = Codebase.Modules
            .SelectMany(m => ClinicReferencesOf(m.Implementation, m.SourceFolder)
                .Where(reference => reference != "Clinic.BuildingBlocks" && !IsContracts(reference))
                .Select(reference => $"Clinic.Modules.{m.Name} references {reference}"))
            .ToList();

        Offences.AssertNone(offences);
    }

    [Fact]
    public void A_contracts_assembly_references_only_BuildingBlocks_and_other_contracts()
    {
        var offences = Codebase.Modules
            .SelectMany(m => ClinicReferencesOf(m.Contracts, m.SourceFolder + ".Contracts")
                .Where(reference => reference != "Clinic.BuildingBlocks" && !IsContracts(reference))
                .Select(reference => $"Clinic.Modules.{m.Name}.Contracts references {reference}"))
            .ToList();

        Offences.AssertNone(offences);
    }

    [Fact]
    public void BuildingBlocks_references_no_other_Clinic_assembly()
    {
        var folder = Path.Combine(Codebase.Root, "src", "BuildingBlocks", "Clinic.BuildingBlocks");

        Assert.Empty(ClinicReferencesOf(Codebase.BuildingBlocks, folder));
    }

    private static bool IsContracts(string assembly) =>
        assembly.StartsWith("Clinic.Modules.", StringComparison.Ordinal) && assembly.EndsWith(".Contracts", StringComparison.Ordinal);

    // The compiled references show what the code uses; the project file also shows what it could start using.
    private static IEnumerable<string> ClinicReferencesOf(Assembly assembly, string projectFolder)
    {
        var compiled = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "");
        var project = Path.Combine(projectFolder, Path.GetFileName(projectFolder) + ".csproj");
        var declared = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')));
        return compiled.Concat(declared)
            .Where(name => name.StartsWith("Clinic.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
    }
}

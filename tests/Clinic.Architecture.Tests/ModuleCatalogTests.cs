using System.Reflection;
using Clinic.BuildingBlocks.Modules;
using Clinic.Host.Hosting;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>The catalog is a hand-written list; these tests make forgetting a module a failure rather than a 404.</summary>
public sealed class ModuleCatalogTests
{
    [Fact]
    public void Every_module_class_is_in_the_catalog()
    {
        var moduleClasses = Codebase.Modules
            .SelectMany(m => m.Implementation.GetTypes())
            .Where(IsModuleClass)
            .ToList();
        var catalogued = ModuleCatalog.BuiltIn.Select(m => m.GetType()).ToHashSet();

        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), moduleClasses.Select(t => ModuleOf(t.Assembly)).ToHashSet());
        Assert.All(moduleClasses, type => Assert.True(catalogued.Contains(type), $"{type.FullName} is missing from ModuleCatalog.BuiltIn"));
    }

    [Fact]
    public void Every_module_assembly_has_exactly_one_module_class()
    {
        Assert.NotEmpty(Codebase.Modules);
        Assert.All(Codebase.Modules, module => Assert.Single(module.Implementation.GetTypes(), IsModuleClass));
    }

    [Fact]
    public void The_catalog_holds_each_module_once()
    {
        var catalog = ModuleCatalog.BuiltIn;

        Assert.Equal(catalog.Count, catalog.Select(m => m.GetType()).Distinct().Count());
        Assert.Equal(catalog.Count, catalog.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_module_is_named_for_its_assembly()
    {
        var catalog = ModuleCatalog.BuiltIn;

        Assert.All(catalog, module => Assert.Equal(ModuleOf(module.GetType().Assembly), module.Name));
        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), catalog.Select(m => m.Name).ToHashSet());
    }

    [Fact]
    public void A_module_depends_only_on_modules_listed_before_it()
    {
        var catalog = ModuleCatalog.BuiltIn;
        var offences = catalog
            .SelectMany((module, index) => module.DependsOn
                .Where(dependency => !catalog.Take(index).Any(m => m.Name == dependency))
                .Select(dependency => $"{module.Name} depends on {dependency}, which is not in the catalog before it"))
            .ToList();

        Assert.Contains(catalog, module => module.DependsOn.Count > 0);
        Offences.AssertNone(offences);
    }

    private static bool IsModuleClass(Type type) => type is { IsClass: true, IsAbstract: false } && typeof(IClinicModule).IsAssignableFrom(type);

    private static string ModuleOf(Assembly assembly) =>
        assembly.GetName().Name!.Replace("Clinic.Modules.", "", StringComparison.Ordinal);
}

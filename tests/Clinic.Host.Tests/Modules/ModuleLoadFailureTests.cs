using Clinic.BuildingBlocks.Modules;
using Clinic.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Clinic.Host.Tests.Modules;

/// <summary>A broken modules folder stops start-up with a message naming the module, before anything is served.</summary>
public sealed class ModuleLoadFailureTests
{
    [Fact]
    public void A_module_folder_that_was_never_built_stops_start_up_naming_the_module()
    {
        using var modules = new SampleModuleFolder().WithEmptyFolder("Clinic.Loyalty");

        var error = Load(modules);

        Assert.Equal("Clinic.Loyalty", error.Module);
        Assert.Contains("Clinic.Loyalty.dll is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_whose_assembly_has_another_name_stops_start_up_naming_the_module()
    {
        using var modules = new SampleModuleFolder().WithSample(folder: "Clinic.Loyalty");

        var error = Load(modules);

        Assert.Equal("Clinic.Loyalty", error.Module);
    }

    [Fact]
    public void Two_modules_with_the_same_name_stop_start_up_naming_the_module()
    {
        using var modules = new SampleModuleFolder().WithSample().WithSample(folder: "Clinic.SampleCopy", assemblyFile: "Clinic.SampleCopy.dll");

        var error = Load(modules);

        Assert.Equal("Sample", error.Module);
        Assert.Contains("two modules have this name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_module_is_switched_off_like_a_built_in_one()
    {
        using var modules = new SampleModuleFolder().WithSample();

        var enabled = ModuleRegistration.Enabled(ModuleCatalog.BuiltIn, Configuration(modules, ("Clinic:Modules:Sample:Enabled", "false")));

        Assert.Equal(8, enabled.Count);
        Assert.DoesNotContain(enabled, m => m.Name == "Sample");
    }

    private static ModuleLoadException Load(SampleModuleFolder modules) =>
        Assert.Throws<ModuleLoadException>(() => ModuleRegistration.Enabled(ModuleCatalog.BuiltIn, Configuration(modules)));

    private static IConfiguration Configuration(SampleModuleFolder modules, params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)).Append(KeyValuePair.Create(ExternalModules.PathKey, (string?)modules.Path)))
            .Build();
}

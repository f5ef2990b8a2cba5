using System.Reflection;
using System.Runtime.Loader;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Modules;

namespace Clinic.Host.Hosting;

/// <summary>
/// Loads modules a developer drops into <c>Clinic:Modules:Path</c>: one folder per module, holding the built
/// <c>&lt;Folder&gt;.dll</c>. Each gets its own load context, sharing only what the host itself ships.
/// </summary>
internal static class ExternalModules
{
    public const string PathKey = "Clinic:Modules:Path";

    public static IReadOnlyList<IClinicModule> Load(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
            return [];
        if (!Directory.Exists(folder))
            throw new ClinicConfigurationException(PathKey, $"an existing folder of module folders (\"{folder}\" does not exist)");

        return Directory.GetDirectories(folder)
            .Order(StringComparer.Ordinal)
            .Select(LoadOne)
            .ToList();
    }

    private static IClinicModule LoadOne(string moduleFolder)
    {
        var name = Path.GetFileName(moduleFolder);
        var assemblyPath = Path.Combine(moduleFolder, name + ".dll");
        if (!File.Exists(assemblyPath))
            throw new ModuleLoadException(name, $"{name}.dll is missing from {moduleFolder}; build the module and copy its output there.");

        try
        {
            var assembly = new ModuleLoadContext(name, assemblyPath).LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            var declared = assembly.GetCustomAttribute<ClinicModuleAttribute>()
                ?? throw new ModuleLoadException(name, $"{name}.dll has no [assembly: ClinicModule(typeof(...))] attribute.");
            return Activator.CreateInstance(declared.ModuleType) as IClinicModule
                ?? throw new ModuleLoadException(name, $"{declared.ModuleType.Name} does not implement IClinicModule.");
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException or MissingMethodException)
        {
            throw new ModuleLoadException(name, $"could not be loaded ({e.Message}).");
        }
    }

    private sealed class ModuleLoadContext(string name, string assemblyPath) : AssemblyLoadContext("module:" + name)
    {
        private static readonly HashSet<string> HostAssemblies = TrustedPlatformAssemblies();
        private readonly AssemblyDependencyResolver _resolver = new(Path.GetFullPath(assemblyPath));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Shared with the host (framework, BuildingBlocks, the host's packages): one copy, one set of types.
            if (assemblyName.Name is null || HostAssemblies.Contains(assemblyName.Name))
                return null;
            return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

        private static HashSet<string> TrustedPlatformAssemblies() =>
            ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}

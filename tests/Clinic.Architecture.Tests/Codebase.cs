using System.Reflection;
using System.Xml.Linq;
using Clinic.BuildingBlocks.Modules;
using Clinic.Host.Hosting;

namespace Clinic.Architecture.Tests;

/// <summary>One module as its source folder and its two compiled assemblies.</summary>
internal sealed record ModuleUnderTest(string Name, string SourceFolder, Assembly Implementation, Assembly Contracts)
{
    public string TablePrefix => ModuleNames.TablePrefix(Name);

    public override string ToString() => Name;
}

/// <summary>The repository as the tests see it: modules are found from the source tree, not from the catalog they check.</summary>
internal static class Codebase
{
    public static readonly string[] BuiltInModules = ["Accounts", "Clients", "Booking", "Charting", "Billing", "Messaging", "Privacy", "Cookies"];

    public static string Root { get; } = FindRoot();

    public static Assembly BuildingBlocks { get; } = typeof(IClinicModule).Assembly;

    public static Assembly Host { get; } = typeof(ModuleCatalog).Assembly;

    public static IReadOnlyList<ModuleUnderTest> Modules { get; } = FindModules();

    /// <summary>The project files under a folder of the repository (<c>src</c>, or the root for all).</summary>
    public static IEnumerable<string> Projects(string folder = "") =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(project => !project.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !project.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The name of the assembly a project builds: its AssemblyName, or its file name.</summary>
    public static string AssemblyOf(string project) =>
        XDocument.Load(project).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Clinic.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Clinic.sln above {AppContext.BaseDirectory}.");
    }

    // A module folder the host does not reference fails to load here, which is the point.
    private static List<ModuleUnderTest> FindModules() =>
        Directory.GetDirectories(Path.Combine(Root, "src", "Modules"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(Path.Combine(Root, "src", "Modules", name, $"Clinic.Modules.{name}", $"Clinic.Modules.{name}.csproj")))
            .Order(StringComparer.Ordinal)
            .Select(name => new ModuleUnderTest(
                name,
                Path.Combine(Root, "src", "Modules", name, $"Clinic.Modules.{name}"),
                Assembly.Load($"Clinic.Modules.{name}"),
                Assembly.Load($"Clinic.Modules.{name}.Contracts")))
            .ToList();
}

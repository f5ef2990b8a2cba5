using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>A production project references only packages its code uses: an unused one is shipped, patched and audited for nothing.</summary>
public sealed class PackageReferenceTests
{
    // Referenced for what they bring at run time or for the version they pin, not for types the code names.
    private static readonly Dictionary<string, string> NotNamedInCode = new(StringComparer.Ordinal)
    {
        ["SQLitePCLRaw.bundle_e_sqlite3"] = "the native SQLite library that Microsoft.Data.Sqlite loads",
        ["Microsoft.OpenApi"] = "pins the version Microsoft.AspNetCore.OpenApi asks for, which the registry lacks (NU1603)",
    };

    // Packages whose assembly is named differently from the package.
    private static readonly Dictionary<string, string> AssemblyNames = new(StringComparer.Ordinal)
    {
        ["libphonenumber-csharp"] = "PhoneNumbers",
    };

    [Fact]
    public void Every_package_a_production_project_references_is_used_by_its_code()
    {
        var offences = new List<string>();
        foreach (var project in Codebase.Projects("src"))
        {
            // The compiler keeps a reference only to an assembly whose types the code names.
            var used = Assembly.Load(Codebase.AssemblyOf(project)).GetReferencedAssemblies().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            offences.AddRange(XDocument.Load(project).Descendants("PackageReference")
                .Select(package => package.Attribute("Include")!.Value)
                .Where(package => !NotNamedInCode.ContainsKey(package) && !used.Contains(AssemblyNames.GetValueOrDefault(package, package)))
                .Select(package => $"{Path.GetRelativePath(Codebase.Root, project)} references {package}, which its code never uses"));
        }

        Offences.AssertNone(offences);
    }
}

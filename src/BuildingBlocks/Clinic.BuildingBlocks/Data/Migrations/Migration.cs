using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.BuildingBlocks.Data.Migrations;

/// <summary>One forward-only SQL file of one module, for one dialect, identified by its file name.</summary>
public sealed record Migration(string Module, string Id, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The embedded <c>Schema/&lt;dialect&gt;/NNNN_name.sql</c> resources of an assembly, in order.</summary>
    public static IReadOnlyList<Migration> EmbeddedIn(Assembly assembly, string module, DatabaseProvider provider)
    {
        var folder = $"Schema/{Dialect(provider)}/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(folder, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new Migration(module, Path.GetFileNameWithoutExtension(name), Read(assembly, name)))
            .ToList();
    }

    public static string Dialect(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    internal static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource {resource} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>A module's SQL names only its own tables; reading another module's tables is a hidden coupling references cannot show.</summary>
public sealed class SqlOwnershipTests
{
    [Fact]
    public void A_module_migration_touches_only_tables_with_the_module_prefix()
    {
        var checkedModules = new HashSet<string>(StringComparer.Ordinal);
        var offences = new List<string>();
        foreach (var module in Codebase.Modules)
        {
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                var migrations = Migration.EmbeddedIn(module.Implementation, module.Name, provider);
                Assert.True(migrations.Count > 0, $"{module.Name} embeds no {Migration.Dialect(provider)} migration");
                foreach (var migration in migrations)
                {
                    var tables = SqlTables.In(migration.Sql, upperCaseKeywordsOnly: false);
                    Assert.True(tables.Count > 0, $"{module.Name}/{Migration.Dialect(provider)}/{migration.Id}.sql names no table");
                    offences.AddRange(Foreign(module, tables).Select(t =>
                        $"Schema/{Migration.Dialect(provider)}/{migration.Id}.sql of {module.Name}, line {t.Line}: {t.Table}"));
                }
            }

            checkedModules.Add(module.Name);
        }

        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), checkedModules);
        Offences.AssertNone(offences);
    }

    [Fact]
    public void A_module_source_file_touches_only_tables_with_the_module_prefix()
    {
        var checkedModules = new HashSet<string>(StringComparer.Ordinal);
        var tablesSeen = 0;
        var offences = new List<string>();
        foreach (var module in Codebase.Modules)
        {
            foreach (var file in SourceFiles(module.SourceFolder))
            {
                foreach (var literal in CSharpStrings.In(File.ReadAllText(file)))
                {
                    var tables = SqlTables.In(literal.Text, upperCaseKeywordsOnly: true);
                    tablesSeen += tables.Count;
                    offences.AddRange(Foreign(module, tables).Select(t =>
                        $"{Path.GetRelativePath(Codebase.Root, file)}:{literal.Line + t.Line - 1}: {t.Table}"));
                }

                checkedModules.Add(module.Name);
            }
        }

        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), checkedModules);
        Assert.True(tablesSeen > 0, "No SQL found in any module's source; the scan is not looking where the SQL is.");
        Offences.AssertNone(offences);
    }

    private static IEnumerable<TableReference> Foreign(ModuleUnderTest module, IEnumerable<TableReference> tables) =>
        tables.Where(t => !t.Table.StartsWith(module.TablePrefix, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar).Intersect(["bin", "obj"]).Any());
}

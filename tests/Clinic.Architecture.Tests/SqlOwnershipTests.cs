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
            foreach (var literal in SqlLiterals.In(module))
            {
                var tables = literal.Tables;
                tablesSeen += tables.Count;
                offences.AddRange(Foreign(module, tables).Select(t => $"{literal.Where(t.Line)}: {t.Table}"));
            }

            checkedModules.Add(module.Name);
        }

        Assert.Superset(Codebase.BuiltInModules.ToHashSet(), checkedModules);
        Assert.True(tablesSeen > 0, "No SQL found in any module's source; the scan is not looking where the SQL is.");
        Offences.AssertNone(offences);
    }

    [Theory]
    [InlineData("Page.razor", "@code {\n    // the client's page\n    var rows = await db.QueryAsync<Row>(\"SELECT id FROM booking_appointments\");\n}")]
    [InlineData("Page.razor", "<p>Don't</p>\n@code {\n    var sql = \"\"\"\n        select id\n        from booking_appointments\n        \"\"\";\n}")]
    [InlineData("Handler.cs", "var sql = \"select id from booking_appointments where tenant_id = @tenant_id\";")]
    public void The_scan_finds_sql_in_razor_files_and_in_lower_case(string fileName, string source)
    {
        var folder = Directory.CreateTempSubdirectory("clinic-sql-scan-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, fileName), source);
            var module = Codebase.Modules.Single(m => m.Name == "Clients") with { SourceFolder = folder };

            var foreign = SqlLiterals.In(module).SelectMany(l => Foreign(module, l.Tables)).Select(t => t.Table);

            Assert.Equal(["booking_appointments"], foreign);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Prose_in_lower_case_is_not_taken_for_sql()
    {
        var literal = new SqlLiteral("Page.razor", 1, "Messages received from clients, and replies sent from the clinic");

        Assert.Empty(literal.Tables);
    }

    private static IEnumerable<TableReference> Foreign(ModuleUnderTest module, IEnumerable<TableReference> tables) =>
        tables.Where(t => !t.Table.StartsWith(module.TablePrefix, StringComparison.OrdinalIgnoreCase));
}

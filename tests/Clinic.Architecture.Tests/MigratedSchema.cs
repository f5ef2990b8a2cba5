using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Dapper;

namespace Clinic.Architecture.Tests;

/// <summary>One column of a migrated database, as the engine reports it.</summary>
internal sealed record SchemaColumn(string Table, string Column, string Type, bool NotNull);

/// <summary>The tables and columns a fresh database holds once the host has migrated every module on it.</summary>
internal static class MigratedSchema
{
    private static readonly Dictionary<DatabaseProvider, Lazy<Task<IReadOnlyList<SchemaColumn>>>> Migrated = new()
    {
        [DatabaseProvider.Sqlite] = new(() => ReadAsync(DatabaseProvider.Sqlite)),
        [DatabaseProvider.Postgres] = new(() => ReadAsync(DatabaseProvider.Postgres)),
    };

    public static Task<IReadOnlyList<SchemaColumn>> OfAsync(DatabaseProvider provider) => Migrated[provider].Value;

    private static async Task<IReadOnlyList<SchemaColumn>> ReadAsync(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = new ClinicApp(database))
            _ = app.Server; // starting migrates every module

        await using var connection = await database.OpenUnrestrictedAsync();
        var columns = await connection.QueryAsync<(string Table, string Column, string Type, bool NotNull)>(provider == DatabaseProvider.Sqlite
            ? """
              SELECT m.name, p.name, upper(p.type), p."notnull" OR p.pk > 0
              FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
              """
            : """
              SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'NO'
              FROM information_schema.columns c JOIN pg_tables t ON t.schemaname = c.table_schema AND t.tablename = c.table_name
              WHERE c.table_schema = 'public'
              """);
        return [.. columns.Select(c => new SchemaColumn(c.Table.ToLowerInvariant(), c.Column.ToLowerInvariant(), c.Type, c.NotNull))];
    }
}

using Clinic.BuildingBlocks.Data;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// The two editions run the same SQL, so their schemas must agree: the same tables and columns, each of a type the
/// other engine's can hold, and NOT NULL on both or neither. Both are read from databases the host has migrated.
/// </summary>
public sealed class SchemaAgreementTests
{
    // A PostgreSQL type, and the SQLite declarations that store the same values (ADR 0031).
    private static readonly Dictionary<string, string[]> Compatible = new(StringComparer.Ordinal)
    {
        ["text"] = ["TEXT"],
        ["character varying"] = ["TEXT"],
        ["uuid"] = ["TEXT"],
        ["timestamp with time zone"] = ["TEXT"],
        ["date"] = ["TEXT"],
        ["time without time zone"] = ["TEXT"],
        ["numeric"] = ["TEXT", "INTEGER"],
        ["jsonb"] = ["TEXT"],
        ["integer"] = ["INTEGER"],
        ["bigint"] = ["INTEGER", "BIGINT"],
        ["smallint"] = ["INTEGER", "SMALLINT"],
        ["boolean"] = ["INTEGER", "BOOLEAN", "BOOL"],
        ["bytea"] = ["BLOB"],
    };

    [Fact]
    public async Task Sqlite_and_postgres_hold_the_same_tables_and_columns()
    {
        var sqlite = Keys(await MigratedSchema.OfAsync(DatabaseProvider.Sqlite));
        var postgres = Keys(await MigratedSchema.OfAsync(DatabaseProvider.Postgres));

        var offences = sqlite.Except(postgres).Select(c => $"{c} is on SQLite only")
            .Concat(postgres.Except(sqlite).Select(c => $"{c} is on PostgreSQL only"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("clients_clients.tenant_id", sqlite);
        Offences.AssertNone(offences);
    }

    [Fact]
    public async Task Each_column_has_compatible_types_and_the_same_nullability_on_both_engines()
    {
        var sqlite = (await MigratedSchema.OfAsync(DatabaseProvider.Sqlite)).ToDictionary(c => $"{c.Table}.{c.Column}", StringComparer.Ordinal);
        var postgres = await MigratedSchema.OfAsync(DatabaseProvider.Postgres);

        var offences = new List<string>();
        foreach (var column in postgres)
        {
            if (!sqlite.TryGetValue($"{column.Table}.{column.Column}", out var twin))
                continue;
            if (!Compatible.TryGetValue(column.Type, out var declarations) || !declarations.Contains(twin.Type, StringComparer.Ordinal))
                offences.Add($"{column.Table}.{column.Column}: {column.Type} on PostgreSQL, {Show(twin.Type)} on SQLite");
            if (column.NotNull != twin.NotNull)
                offences.Add($"{column.Table}.{column.Column}: {(column.NotNull ? "NOT NULL" : "nullable")} on PostgreSQL, {(twin.NotNull ? "NOT NULL" : "nullable")} on SQLite");
        }

        Assert.NotEmpty(postgres);
        Offences.AssertNone(offences);
    }

    private static HashSet<string> Keys(IEnumerable<SchemaColumn> columns) =>
        columns.Select(c => $"{c.Table}.{c.Column}").ToHashSet(StringComparer.Ordinal);

    private static string Show(string type) => type.Length == 0 ? "no declared type" : type;
}

using Clinic.BuildingBlocks.Data;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// The two editions run the same SQL, so their schemas must agree: the same tables and columns, each of a type the
/// other engine's can hold, and NOT NULL on both or neither. Both are read from databases the host has migrated.
/// </summary>
public sealed class SchemaAgreementTests
{
    // A PostgreSQL type, and the SQLite type affinities (sqlite.org/datatype3.html) that store the same values.
    private static readonly Dictionary<string, string[]> Compatible = new(StringComparer.Ordinal)
    {
        ["text"] = ["TEXT"],
        ["character varying"] = ["TEXT"],
        ["character"] = ["TEXT"],
        ["uuid"] = ["TEXT"],
        ["timestamp with time zone"] = ["TEXT"],
        ["date"] = ["TEXT"],
        ["time without time zone"] = ["TEXT"],
        ["jsonb"] = ["TEXT"],
        ["numeric"] = ["TEXT", "INTEGER", "NUMERIC"], // money as exact text or minor units (ARCHITECTURE, Data)
        ["integer"] = ["INTEGER"],
        ["bigint"] = ["INTEGER"],
        ["smallint"] = ["INTEGER"],
        ["boolean"] = ["INTEGER", "NUMERIC"],
        ["bytea"] = ["BLOB"],
    };

    // Client search is each engine's own trigram index (Clients' 0005_search.sql): an FTS5 table, with the shadow tables
    // SQLite keeps for it, on SQLite; a generated column with a GIN index on PostgreSQL.
    private static readonly string[] SearchIndexOnSqlite = ["clients_search", "clients_search_config", "clients_search_content", "clients_search_data", "clients_search_docsize", "clients_search_idx"];
    private const string SearchIndexOnPostgres = "clients_clients.search_text";

    // Differences that are not ours to fix, each with its reason.
    private static readonly Dictionary<string, string> Excused = new(StringComparer.Ordinal)
    {
        ["qrtz_fired_triggers.is_nonconcurrent: NOT NULL on PostgreSQL, nullable on SQLite"] =
            "Quartz's own table scripts for the two engines disagree; Quartz always writes the column",
    };

    [Fact]
    public async Task Sqlite_and_postgres_hold_the_same_tables_and_columns()
    {
        var sqlite = Keys((await MigratedSchema.OfAsync(DatabaseProvider.Sqlite)).Where(c => !SearchIndexOnSqlite.Contains(c.Table)));
        var postgres = Keys(await MigratedSchema.OfAsync(DatabaseProvider.Postgres));
        postgres.Remove(SearchIndexOnPostgres);

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
            if (!Compatible.TryGetValue(column.Type, out var affinities) || !affinities.Contains(Affinity(twin.Type), StringComparer.Ordinal))
                offences.Add($"{column.Table}.{column.Column}: {column.Type} on PostgreSQL, {Show(twin.Type)} on SQLite");
            if (column.NotNull != twin.NotNull)
                offences.Add($"{column.Table}.{column.Column}: {(column.NotNull ? "NOT NULL" : "nullable")} on PostgreSQL, {(twin.NotNull ? "NOT NULL" : "nullable")} on SQLite");
        }

        Assert.NotEmpty(postgres);
        Offences.AssertNone([.. offences.Where(o => !Excused.ContainsKey(o))]);
    }

    private static HashSet<string> Keys(IEnumerable<SchemaColumn> columns) =>
        columns.Select(c => $"{c.Table}.{c.Column}").ToHashSet(StringComparer.Ordinal);

    // SQLite's rules, in its order, for the type affinity of a declared column type.
    private static string Affinity(string declared) =>
        declared.Contains("INT", StringComparison.Ordinal) ? "INTEGER"
        : declared.Contains("CHAR", StringComparison.Ordinal) || declared.Contains("CLOB", StringComparison.Ordinal) || declared.Contains("TEXT", StringComparison.Ordinal) ? "TEXT"
        : declared.Length == 0 || declared.Contains("BLOB", StringComparison.Ordinal) ? "BLOB"
        : declared.Contains("REAL", StringComparison.Ordinal) || declared.Contains("FLOA", StringComparison.Ordinal) || declared.Contains("DOUB", StringComparison.Ordinal) ? "REAL"
        : "NUMERIC";

    private static string Show(string type) => type.Length == 0 ? "no declared type" : type;
}

using System.Data.Common;
using System.Globalization;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Dapper;

namespace Clinic.Testing;

/// <summary>Reads every value in every table of a test database, as someone holding a copy of it could.</summary>
public static class DatabaseScan
{
    /// <summary>Where each piece of text occurs: "table.column: text", for every row of every table.</summary>
    public static async Task<IReadOnlyList<string>> WhereAsync(this TestDatabase database, IReadOnlyCollection<string> texts)
    {
        await using var connection = await database.OpenUnrestrictedAsync();
        var tables = await connection.QueryAsync<string>(database.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    var value = Text(reader.GetValue(column));
                    found.AddRange(texts.Where(t => value?.Contains(t, StringComparison.Ordinal) == true).Select(t => $"{table}.{reader.GetName(column)}: {t}"));
                }
            }
        }

        return found;
    }

    private static string? Text(object value) => value switch
    {
        DBNull => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

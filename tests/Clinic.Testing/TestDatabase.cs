using System.Data.Common;
using Clinic.BuildingBlocks.Data;
using Npgsql;

namespace Clinic.Testing;

/// <summary>
/// A fresh, empty database for one fixture. On PostgreSQL it is owned by a non-superuser role that runs the
/// migrations, and the app connects as another role that owns nothing, so row-level security really applies.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CLINIC_TEST_POSTGRES";
    private const string OwnerRole = "clinic_test_owner";
    private const string AppRole = "clinic_test_app";

    private readonly string? _folder;
    private readonly string? _postgresAdmin;

    private TestDatabase(DatabaseProvider provider, string connectionString, string ownerConnectionString, string? folder, string? postgresAdmin, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        OwnerConnectionString = ownerConnectionString;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        Name = name;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string OwnerConnectionString { get; }

    public string? Name { get; }

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [DatabaseSettings.ProviderKey] = Provider.ToString(),
        [DatabaseSettings.ConnectionStringKey] = ConnectionString,
        [DatabaseSettings.OwnerConnectionStringKey] = OwnerConnectionString,
    };

    /// <summary>
    /// A connection that sees every clinic's rows: on PostgreSQL the superuser's, since row-level security binds even
    /// the owner role.
    /// </summary>
    public async Task<DbConnection> OpenUnrestrictedAsync()
    {
        DbConnection connection = _postgresAdmin is null
            ? new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = Name }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Task.FromResult(Sqlite()) : PostgresAsync();

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static TestDatabase Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clinic-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "clinic.db")}";
        return new TestDatabase(DatabaseProvider.Sqlite, connection, connection, folder, null, null);
    }

    private static async Task<TestDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests through ./test.sh, which starts a throwaway PostgreSQL.");
        var name = "clinic_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"""
                DO $$ BEGIN
                    CREATE ROLE {OwnerRole} LOGIN NOSUPERUSER NOBYPASSRLS;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
                DO $$ BEGIN
                    CREATE ROLE {AppRole} LOGIN NOSUPERUSER NOBYPASSRLS;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
                """);
            await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = AppRole, Password = null };
        var app = builder.ToString();
        builder.Username = OwnerRole;
        return new TestDatabase(DatabaseProvider.Postgres, app, builder.ToString(), null, admin, name);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Data.Common;
using Clinic.BuildingBlocks.Data;
using Npgsql;

namespace Clinic.Testing;

/// <summary>
/// A database of one fixture's own: empty (<see cref="CreateAsync"/>), or a copy of one migrated once per engine and
/// test run (<see cref="CreateMigratedAsync"/>). On PostgreSQL it is owned by a non-superuser role that runs the
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

    /// <summary>An empty database, for tests of what the app does before and while it migrates.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Task.FromResult(Sqlite()) : PostgresAsync();

    /// <summary>
    /// A database with every built-in module's migrations applied, copied from <see cref="MigratedTemplate"/>: a file
    /// copy on SQLite, <c>CREATE DATABASE ... TEMPLATE</c> on PostgreSQL. The app still runs its own start-up tasks.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var template = await MigratedTemplate.ForAsync(provider);
        if (provider == DatabaseProvider.Postgres)
            return await PostgresAsync(template.Name!);
        var copy = Sqlite();
        File.Copy(template.SqliteFile, copy.SqliteFile);
        return copy;
    }

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

    private string SqliteFile => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>
    /// Makes this migrated database fit to copy: no connection left open (PostgreSQL refuses to copy a database in use)
    /// and, on SQLite, everything written back from the write-ahead log into the one file that is copied.
    /// </summary>
    internal async Task SealAsTemplateAsync()
    {
        if (_postgresAdmin is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString + ";Pooling=False");
            await sqlite.OpenAsync();
            await using var checkpoint = sqlite.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
            return;
        }

        await using var admin = new NpgsqlConnection(_postgresAdmin);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"""
            ALTER DATABASE "{Name}" ALLOW_CONNECTIONS false;
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}';
            """);
    }

    private static TestDatabase Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clinic-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "clinic.db")}";
        return new TestDatabase(DatabaseProvider.Sqlite, connection, connection, folder, null, null);
    }

    private static async Task<TestDatabase> PostgresAsync(string? template = null)
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
            await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" OWNER {OwnerRole}" + (template is null ? "" : $" TEMPLATE \"{template}\""));
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

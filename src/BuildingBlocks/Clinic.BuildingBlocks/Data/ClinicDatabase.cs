using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clinic.BuildingBlocks.Data;

/// <summary>
/// Opens connections and transactions on the configured engine. Requests use the application role;
/// migrations use the owner role, because on PostgreSQL the owner could otherwise be exempt from row-level security.
/// </summary>
public sealed class ClinicDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly NpgsqlDataSource? _postgresOwner;
    private readonly TimeProvider _time;

    static ClinicDatabase() => SqlTypeHandlers.Register();

    public ClinicDatabase(DatabaseSettings settings, TimeProvider time)
    {
        Settings = settings;
        _time = time;
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(settings.ConnectionString);
            _postgresOwner = NpgsqlDataSource.Create(settings.OwnerConnectionString);
        }
        else
        {
            EnsureSqliteFolder(settings.ConnectionString);
        }
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => OpenAsync(_postgres, Settings.ConnectionString, ct);

    public Task<DbConnection> OpenOwnerAsync(CancellationToken ct) => OpenAsync(_postgresOwner, Settings.OwnerConnectionString, ct);

    /// <summary>
    /// Starts a transaction scoped to one tenant, or to the platform when <paramref name="tenantId"/> is null.
    /// A write transaction on SQLite begins IMMEDIATE so that concurrent writers queue instead of failing on upgrade.
    /// </summary>
    public async Task<DbSession> BeginAsync(Guid? tenantId, bool write, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        try
        {
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: !write)
                : await connection.BeginTransactionAsync(ct);
            var session = new DbSession(connection, transaction, Provider, tenantId, write, _time, ct);
            // Local to the transaction: a pooled connection must never carry one tenant into the next request.
            if (tenantId is not null && Provider == DatabaseProvider.Postgres)
                await session.ExecuteAsync("SELECT set_config('app.tenant_id', @tenant_id::text, true)");

            return session;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        if (_postgresOwner is not null)
            await _postgresOwner.DisposeAsync();
    }

    private static async Task<DbConnection> OpenAsync(NpgsqlDataSource? postgres, string connectionString, CancellationToken ct)
    {
        if (postgres is not null)
            return await postgres.OpenConnectionAsync(ct);

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }
}

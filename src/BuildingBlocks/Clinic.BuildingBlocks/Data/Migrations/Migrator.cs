using System.Data.Common;
using Clinic.BuildingBlocks.Modules;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Clinic.BuildingBlocks.Data.Migrations;

/// <summary>
/// Applies the platform's and every enabled module's migrations in catalog order, each in its own transaction,
/// and records them per module with a checksum so an edited migration is caught before it can do harm.
/// </summary>
public sealed class Migrator(ClinicDatabase database, ModuleSet modules, TimeProvider time, ILogger<Migrator> logger)
{
    public const string PlatformModule = "Platform";
    private const long PostgresLockKey = 7_402_113_001;

    public IReadOnlyList<Migration> All()
    {
        var provider = database.Provider;
        var all = new List<Migration>(Migration.EmbeddedIn(typeof(Migrator).Assembly, PlatformModule, provider));
        foreach (var module in modules.All)
        {
            all.Add(new Migration(module.Name, "0000_outbox", Template("outbox", module.Name, provider)));
            all.Add(new Migration(module.Name, "0000_outbox_isolation", Template("outbox_isolation", module.Name, provider)));
            all.Add(new Migration(module.Name, "0000_outbox_retry", Template("outbox_retry", module.Name, provider)));
            all.AddRange(Migration.EmbeddedIn(module.Assembly, module.Name, provider));
        }

        return all;
    }

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenOwnerAsync(ct);
        await PrepareAsync(connection, ct);
        if (database.Provider == DatabaseProvider.Postgres)
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey });
        try
        {
            var applied = await AppliedAsync(connection);
            var count = 0;
            foreach (var migration in All())
            {
                if (applied.TryGetValue((migration.Module, migration.Id), out var checksum))
                {
                    if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                        throw new MigrationException($"Migration {migration.Module}/{migration.Id}.sql was changed after it was applied. Restore the original file and add a new migration instead.");
                    continue;
                }

                await ApplyAsync(connection, migration, ct);
                count++;
            }

            if (database.Settings.ConnectionString != database.Settings.OwnerConnectionString)
                await GrantToApplicationRoleAsync(connection, ct);
            return count;
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres)
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey });
        }
    }

    /// <summary>How many migrations have not been applied yet; readiness is false until this is zero.</summary>
    public async Task<int> PendingAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var applied = await AppliedAsync(connection);
        return All().Count(m => !applied.ContainsKey((m.Module, m.Id)));
    }

    private static async Task<Dictionary<(string, string), string>> AppliedAsync(DbConnection connection)
    {
        if (!await HistoryExistsAsync(connection))
            return [];
        var rows = await connection.QueryAsync<(string Module, string Id, string Checksum)>("SELECT module, id, checksum FROM clinic_migrations");
        return rows.ToDictionary(r => (r.Module, r.Id), r => r.Checksum);
    }

    private static async Task<bool> HistoryExistsAsync(DbConnection connection) =>
        connection is SqliteConnection
            ? await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'clinic_migrations'") > 0
            : await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('clinic_migrations') IS NOT NULL");

    private static async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is SqliteConnection)
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS clinic_migrations (
                module TEXT NOT NULL,
                id TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                PRIMARY KEY (module, id)
            )
            """,
            cancellationToken: ct));
    }

    private async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO clinic_migrations (module, id, checksum, applied_at) VALUES (@Module, @Id, @Checksum, @applied_at)",
                new { migration.Module, migration.Id, migration.Checksum, applied_at = time.GetUtcNow().ToString("O") },
                transaction,
                cancellationToken: ct));
            await transaction.CommitAsync(ct);
            logger.LogInformation("Applied migration {Module}/{Migration}", migration.Module, migration.Id);
        }
        catch (DbException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MigrationException($"Migration {migration.Module}/{migration.Id}.sql failed and was rolled back: {e.Message}", e);
        }
    }

    /// <summary>Requests run as a role that owns nothing, so row-level security binds it; it still needs table rights.</summary>
    private async Task GrantToApplicationRoleAsync(DbConnection connection, CancellationToken ct)
    {
        var role = new Npgsql.NpgsqlConnectionStringBuilder(database.Settings.ConnectionString).Username;
        if (string.IsNullOrEmpty(role))
            return;
        var quoted = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            GRANT USAGE ON SCHEMA public TO {quoted};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted};
            """,
            cancellationToken: ct));
    }

    /// <summary>A migration every module gets (its outbox and inbox, and their later changes), written once with <c>{prefix}</c> for the module's table prefix.</summary>
    private static string Template(string name, string module, DatabaseProvider provider) =>
        Migration.Read(typeof(Migrator).Assembly, $"Schema/{Migration.Dialect(provider)}/{name}.template")
            .Replace("{prefix}", ModuleNames.TablePrefix(module), StringComparison.Ordinal);
}

using Clinic.BuildingBlocks.Data;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clinic.Testing;

/// <summary>One app per test class and provider, on its own clone of the migrated database; test classes derive once per provider.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public ClinicApp App { get; private set; } = null!;

    public DatabaseProvider Provider => provider;

    /// <summary>The app's clock (<see cref="ClinicApp.Clock"/>).</summary>
    public FakeTimeProvider Clock => App.Clock;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync(provider);
        App = Create(_database);
        _ = App.Server;
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    protected virtual ClinicApp Create(TestDatabase database) => new(database);

    protected virtual Task<TestDatabase> CreateDatabaseAsync(DatabaseProvider provider) => TestDatabase.CreateMigratedAsync(provider);
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres);

/// <summary>An app that starts on an empty database and migrates it itself, as a new installation does.</summary>
public abstract class NewInstallation(DatabaseProvider provider) : AppFixture(provider)
{
    protected override Task<TestDatabase> CreateDatabaseAsync(DatabaseProvider provider) => TestDatabase.CreateAsync(provider);
}

public sealed class NewInstallationOnSqlite() : NewInstallation(DatabaseProvider.Sqlite);

public sealed class NewInstallationOnPostgres() : NewInstallation(DatabaseProvider.Postgres);

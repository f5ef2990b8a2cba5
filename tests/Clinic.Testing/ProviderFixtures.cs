using Clinic.BuildingBlocks.Data;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clinic.Testing;

/// <summary>One migrated app per test class and provider; test classes derive once per provider.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public ClinicApp App { get; private set; } = null!;

    public DatabaseProvider Provider => provider;

    /// <summary>The app's clock (<see cref="ClinicApp.Clock"/>).</summary>
    public FakeTimeProvider Clock => App.Clock;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
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
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres);

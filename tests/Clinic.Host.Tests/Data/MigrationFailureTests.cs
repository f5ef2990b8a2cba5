using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Data;

public abstract class MigrationFailureTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(ClinicApp.ClockStart);

    private TestDatabase _database = null!;
    private DatabaseSettings _settings = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        _settings = DatabaseSettings.From(configuration, Path.GetTempPath());
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_failing_migration_is_rolled_back_whole_and_named()
    {
        await using var database = new ClinicDatabase(_settings, Clock);
        var migrator = Migrator(database, new FaultyModule());

        var error = await Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync(default));

        Assert.Contains("Faulty/0002_broken.sql", error.Message, StringComparison.Ordinal);
        Assert.True(await TableExistsAsync(database, "faulty_items"), "The migration before the failing one stays applied.");
        Assert.False(await TableExistsAsync(database, "faulty_partial"), "Nothing of the failing migration survives.");
        Assert.Equal(["0000_outbox", "0000_outbox_isolation", "0000_outbox_retry", "0001_items"], await AppliedAsync(database, "Faulty"));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_refuses_to_start()
    {
        await using var database = new ClinicDatabase(_settings, Clock);
        var migrator = Migrator(database);
        await migrator.MigrateAsync(default);
        await using (var connection = await database.OpenOwnerAsync(default))
        await using (var tamper = connection.CreateCommand())
        {
            tamper.CommandText = "UPDATE clinic_migrations SET checksum = 'edited' WHERE module = 'Platform' AND id = '0002_quartz'";
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync(default));

        Assert.Contains("Platform/0002_quartz.sql was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        await using var database = new ClinicDatabase(_settings, Clock);
        var migrator = Migrator(database);

        var first = await migrator.MigrateAsync(default);
        var second = await migrator.MigrateAsync(default);

        Assert.True(first > 0);
        Assert.Equal(0, second);
    }

    private static Migrator Migrator(ClinicDatabase database, params IClinicModule[] modules) =>
        new(database, new ModuleSet([.. modules.Select(m => new LoadedModule(m, IsExternal: false))]), Clock, NullLogger<Migrator>.Instance);

    // As the owner: a failed migration run stops before the application role is granted anything.
    private async Task<bool> TableExistsAsync(ClinicDatabase database, string table)
    {
        await using var connection = await database.OpenOwnerAsync(default);
        return provider == DatabaseProvider.Sqlite
            ? await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) > 0
            : await connection.ExecuteScalarAsync<bool>("SELECT to_regclass(@table) IS NOT NULL", new { table });
    }

    private static async Task<string[]> AppliedAsync(ClinicDatabase database, string module)
    {
        await using var connection = await database.OpenOwnerAsync(default);
        return [.. await connection.QueryAsync<string>("SELECT id FROM clinic_migrations WHERE module = @module ORDER BY id", new { module })];
    }

    /// <summary>Its migrations are embedded in this test assembly under Data/Schema; the second one is broken.</summary>
    private sealed class FaultyModule : IClinicModule
    {
        public string Name => "Faulty";

        public IReadOnlyList<string> DependsOn => [];

        public void AddServices(IServiceCollection services, IConfiguration configuration)
        {
        }

        public void MapEndpoints(IEndpointRouteBuilder endpoints)
        {
        }
    }
}

public sealed class MigrationFailureTests_on_Sqlite() : MigrationFailureTests(DatabaseProvider.Sqlite);

public sealed class MigrationFailureTests_on_Postgres() : MigrationFailureTests(DatabaseProvider.Postgres);

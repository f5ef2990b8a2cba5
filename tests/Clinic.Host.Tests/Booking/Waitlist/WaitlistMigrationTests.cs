using System.Data.Common;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.Modules.Booking;
using Clinic.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.Waitlist;

/// <summary>Migration 0007 moves each entry's days and times into its first window, keeping the entry and its offers.</summary>
public abstract class WaitlistMigrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task An_entry_made_before_windows_keeps_its_days_and_times_as_its_one_window_and_keeps_its_offer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        var clock = new FakeTimeProvider(ClinicApp.ClockStart);
        await using var database = new ClinicDatabase(DatabaseSettings.From(configuration, Path.GetTempPath()), clock);
        var migrations = new Migrator(database, new ModuleSet([new LoadedModule(new BookingModule(), IsExternal: false)]), clock, NullLogger<Migrator>.Instance).All();
        var windows = migrations.Single(m => m.Module == "Booking" && m.Id == "0007_waitlist_windows");
        var (tenant, service, entry, offer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var connection = await database.OpenOwnerAsync(default);
        foreach (var migration in migrations.TakeWhile(m => m != windows))
            await InTransactionAsync(connection, migration.Sql);
        // Mondays and Thursdays, 09:00 to 12:00, already offered a slot.
        await InTransactionAsync(connection, ForTenant(tenant) + $"""
            INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency) VALUES ('{service}', '{tenant}', 'Skin', 'Peel', 30, 1000, 'PKR');
            INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, weekdays, from_minute, to_minute, source, status, created_at)
            VALUES ('{entry}', '{tenant}', '{Guid.CreateVersion7()}', '{service}', NULL, 18, 540, 720, 'staff', 'Offered', '2026-01-05T08:00:00Z');
            INSERT INTO booking_waitlist_offers (id, tenant_id, entry_id, service_id, provider_id, starts_at, token_hash, link_base, expires_at, status, created_at)
            VALUES ('{offer}', '{tenant}', '{entry}', '{service}', '{Guid.CreateVersion7()}', '2026-01-08T05:00:00Z', 'hash', 'http://localhost', '2026-01-05T10:00:00Z', 'Open', '2026-01-05T08:00:00Z');
            INSERT INTO booking_waitlist_deadlines (tenant_id, offer_id, expires_at) VALUES ('{tenant}', '{offer}', '2026-01-05T10:00:00Z');
            """);

        await InTransactionAsync(connection, windows.Sql);
        var (window, status, offers) = await InTransactionAsync(connection, ForTenant(tenant), async transaction => (
            await connection.QuerySingleAsync<(long Position, long Weekdays, long FromMinute, long ToMinute)>(
                $"SELECT position, weekdays, from_minute, to_minute FROM booking_waitlist_windows WHERE entry_id = '{entry}'", transaction: transaction),
            await connection.ExecuteScalarAsync<string>($"SELECT status FROM booking_waitlist_entries WHERE id = '{entry}'", transaction: transaction),
            await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM booking_waitlist_offers WHERE entry_id = '{entry}'", transaction: transaction)));

        Assert.Equal((0L, 18L, 540L, 720L), window);
        Assert.Equal("Offered", status);
        Assert.Equal(1, offers);
    }

    // PostgreSQL shows and takes a clinic's rows only inside a transaction that names the clinic, the owner included.
    private string ForTenant(Guid tenant) =>
        provider == DatabaseProvider.Postgres ? $"SELECT set_config('app.tenant_id', '{tenant}', true);\n" : "";

    private static Task<int> InTransactionAsync(DbConnection connection, string sql) =>
        InTransactionAsync(connection, sql, _ => Task.FromResult(0));

    private static async Task<T> InTransactionAsync<T>(DbConnection connection, string sql, Func<DbTransaction, Task<T>> then)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        if (!string.IsNullOrWhiteSpace(sql))
            await connection.ExecuteAsync(sql, transaction: transaction);
        var result = await then(transaction);
        await transaction.CommitAsync();
        return result;
    }
}

public sealed class WaitlistMigrationTests_on_Sqlite() : WaitlistMigrationTests(DatabaseProvider.Sqlite);

public sealed class WaitlistMigrationTests_on_Postgres() : WaitlistMigrationTests(DatabaseProvider.Postgres);

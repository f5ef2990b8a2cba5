using System.Data.Common;
using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Accounts;
using Clinic.Modules.Booking;
using Clinic.Modules.Messaging;
using Clinic.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging.SecretLinks;

/// <summary>
/// Before ADR 0018, outboxes and the message log kept links readable. The upgrade erases them and leaves each link's
/// placeholder in the words, which the log shows hidden; everything else stays.
/// </summary>
public abstract class LinksStoredBeforeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly (string Module, string Id)[] Erasing = [("Accounts", "0011_sealed_links"), ("Booking", "0011_sealed_links"), ("Messaging", "0008_secret_links")];

    private static readonly FakeTimeProvider Clock = new(ClinicApp.ClockStart);

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task The_upgrade_erases_links_kept_readable_and_leaves_their_placeholder_in_the_words()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        await using var database = new ClinicDatabase(DatabaseSettings.From(configuration, Path.GetTempPath()), Clock);
        var modules = new ModuleSet([.. new IClinicModule[] { new AccountsModule(), new BookingModule(), new MessagingModule() }.Select(m => new LoadedModule(m, IsExternal: false))]);
        var migrations = new Migrator(database, modules, Clock, NullLogger<Migrator>.Instance).All();
        var tenant = Guid.CreateVersion7();
        var (signIn, manage) = ($"http://localhost/sign-in/link/{SecretToken.Create()}", $"http://localhost/booking/manage/{SecretToken.Create()}");
        await using var connection = await database.OpenOwnerAsync(default);
        foreach (var migration in migrations.Where(m => !Erasing.Contains((m.Module, m.Id))))
            await InTransactionAsync(connection, migration.Sql);
        await InTransactionAsync(connection, ForTenant(tenant) + $$"""
            INSERT INTO accounts_outbox (id, tenant_id, type, payload, occurred_at, dispatched_at, attempts)
            VALUES ('{{Guid.CreateVersion7()}}', '{{tenant}}', 'Clinic.Modules.Accounts.Contracts.SignInLinkRequested',
                '{"linkId":"{{Guid.CreateVersion7()}}","audience":"staff","email":"owner@clinic.test","name":"Owner","signInUrl":"{{signIn}}"}',
                '2026-01-05T08:00:00Z', '2026-01-05T08:00:05Z', 1);
            INSERT INTO booking_outbox (id, tenant_id, type, payload, occurred_at, attempts)
            VALUES ('{{Guid.CreateVersion7()}}', '{{tenant}}', 'Clinic.Modules.Booking.Contracts.AppointmentBooked',
                '{"service":"Peel","manageUrl":"{{manage}}"}', '2026-01-05T08:00:00Z', 0);
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, to_name, to_email, data, channel, recipient,
                language, subject, body, status, attempts, next_attempt_at, created_at, updated_at)
            VALUES ('{{Guid.CreateVersion7()}}', '{{tenant}}', 'accounts.sign_in_link:1', 'accounts.sign_in_link', 'transactional', TRUE, 'out', 'Owner',
                'owner@clinic.test', '{"sign_in.url":"{{signIn}}","link.expires_at":"2026-01-05T08:15:00Z"}', 'Email', 'owner@clinic.test',
                'en', 'Your sign-in link', 'Use this link to sign in: {{signIn}}', 'Sent', 1, '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z', '2026-01-05T08:00:06Z');
            """);

        // Row-level security may bind the owner on the outboxes by the time this upgrade runs: it must erase all the same.
        if (provider == DatabaseProvider.Postgres)
        {
            await InTransactionAsync(connection, """
                ALTER TABLE accounts_outbox ENABLE ROW LEVEL SECURITY;
                ALTER TABLE accounts_outbox FORCE ROW LEVEL SECURITY;
                ALTER TABLE booking_outbox ENABLE ROW LEVEL SECURITY;
                ALTER TABLE booking_outbox FORCE ROW LEVEL SECURITY;
                """);
        }

        foreach (var migration in migrations.Where(m => Erasing.Contains((m.Module, m.Id))))
            await InTransactionAsync(connection, migration.Sql);
        var found = await _database.WhereAsync([signIn, manage]);
        await using var unrestricted = await _database.OpenUnrestrictedAsync();
        var body = await unrestricted.ExecuteScalarAsync<string>("SELECT body FROM messaging_messages");
        var data = await unrestricted.ExecuteScalarAsync<string>("SELECT data FROM messaging_messages");
        var signInEvent = await unrestricted.ExecuteScalarAsync<string>("SELECT payload FROM accounts_outbox");
        var bookedEvent = await unrestricted.ExecuteScalarAsync<string>("SELECT payload FROM booking_outbox");
        var stillBound = provider != DatabaseProvider.Postgres
            || await connection.ExecuteScalarAsync<bool>("SELECT row_security_active('accounts_outbox') AND row_security_active('booking_outbox')");

        Assert.Empty(found);
        Assert.Equal("Use this link to sign in: {{sign_in.url}}", body);
        Assert.Equal(["link.expires_at"], Names(data));
        Assert.Equal(["audience", "email", "linkId", "name"], Names(signInEvent));
        Assert.Equal(["service"], Names(bookedEvent));
        Assert.True(stillBound, "The upgrade left row-level security lifted on an outbox.");
    }

    private static IEnumerable<string> Names(string? json) =>
        JsonDocument.Parse(json!).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

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

public sealed class LinksStoredBeforeTests_on_Sqlite() : LinksStoredBeforeTests(DatabaseProvider.Sqlite);

public sealed class LinksStoredBeforeTests_on_Postgres() : LinksStoredBeforeTests(DatabaseProvider.Postgres);

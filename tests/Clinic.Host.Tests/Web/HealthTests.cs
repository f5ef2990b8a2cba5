using System.Net;
using System.Net.Sockets;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>Liveness says the process answers; readiness says the database answers and its schema is current.</summary>
public abstract class HealthTests(AppFixture fixture)
{
    [Fact]
    public async Task Liveness_answers_200_without_signing_in()
    {
        using var browser = fixture.App.Browser();

        var response = await browser.Http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_200_once_every_migration_is_applied()
    {
        using var browser = fixture.App.Browser();

        var response = await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_503_while_migrations_are_pending_and_200_after_they_are_applied()
    {
        await using var database = await TestDatabase.CreateAsync(fixture.Provider);
        await using var app = new ClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Database:MigrateOnStartup"] = "false" });
        using var browser = app.Browser();

        var pending = await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await browser.Http.GetAsync(new Uri("/health/live", UriKind.Relative));
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(default);
        var migrated = await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, migrated.StatusCode);
    }
}

public sealed class HealthTests_on_Sqlite(SqliteApp fixture) : HealthTests(fixture), IClassFixture<SqliteApp>;

public sealed class HealthTests_on_Postgres(PostgresApp fixture) : HealthTests(fixture), IClassFixture<PostgresApp>;

public sealed class UnreachableDatabaseHealthTests
{
    [Fact]
    public async Task Readiness_answers_503_while_the_database_is_unreachable_and_liveness_still_answers_200()
    {
        var unreachable = $"Host=127.0.0.1;Port={ClosedPort()};Database=clinic;Username=clinic;Timeout=5";
        await using var folder = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClinicApp(folder, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = unreachable,
            [DatabaseSettings.OwnerConnectionStringKey] = unreachable,
            ["Clinic:Database:MigrateOnStartup"] = "false",
        });
        using var browser = app.Browser();

        var ready = await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await browser.Http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>The app as <see cref="ClinicApp"/> configures it, but served by Kestrel on a free loopback port so a real browser can reach it.</summary>
public sealed class ServedApp : ClinicApp
{
    public ServedApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
        : base(database, settings)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());
    }
}

/// <summary>One served app on its own migrated database per test class and provider; test classes derive once per provider.</summary>
public abstract class ServedAppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public ServedApp App { get; private set; } = null!;

    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(provider);
        App = new ServedApp(_database);
        App.Start();
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}

public sealed class SqliteServedApp() : ServedAppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresServedApp() : ServedAppFixture(DatabaseProvider.Postgres);

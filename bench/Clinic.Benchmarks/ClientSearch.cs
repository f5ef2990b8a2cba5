using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Bogus;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.Modules.Clients;
using Clinic.Modules.Clients.Features.SearchClients;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clinic.Benchmarks;

/// <summary>
/// The client search query (what /clients?q= and the top bar run, less the audit entry) on a SQLite database with
/// the Clients module's migrations and 50,000 clients of one clinic, for a few things reception typically types.
/// </summary>
[Config(typeof(Config))]
public class ClientSearch : IAsyncDisposable
{
    public const int Clients = 50_000;

    private readonly Guid _clinic = Guid.CreateVersion7();
    private string _folder = "";
    private ClinicDatabase _database = null!;
    private IReadOnlyList<string> _terms = [];

    /// <summary>A name fragment shared by many clients, a full name, mobile digits as typed locally, an email part, and two letters (LIKE).</summary>
    [Params("son", "maria garcia", "0300 12", "gmail", "jo")]
    public string Typed { get; set; } = "";

    [GlobalSetup]
    public async Task SeedAsync()
    {
        _terms = SearchClients.Terms(Typed);
        _folder = Path.Combine(Path.GetTempPath(), "clinic-bench-search", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var connection = $"Data Source={Path.Combine(_folder, "clinic.db")}";
        _database = new ClinicDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connection, connection, MigrateOnStartup: true), TimeProvider.System);
        var modules = new ModuleSet([new LoadedModule(new ClientsModule(), IsExternal: false)]);
        await new Migrator(_database, modules, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(default);

        Randomizer.Seed = new Random(20261122);
        var faker = new Faker("en");
        await using var db = await _database.BeginAsync(_clinic, write: true, default);
        for (var i = 0; i < Clients; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@id, @tenant_id, @first, @last, @phone, @email, @now)",
                new
                {
                    id = Guid.CreateVersion7(),
                    first,
                    last,
                    phone = "+923" + faker.Random.ReplaceNumbers("#########"),
                    email = faker.Random.Bool(0.8f) ? faker.Internet.Email(first, last) : null,
                    now = DateTimeOffset.UtcNow,
                });
        }

        await db.CommitAsync();
    }

    [Benchmark(Description = "Search 50,000 clients (SQLite)")]
    public async Task<int> Search()
    {
        await using var db = await _database.BeginAsync(_clinic, write: false, default);
        return (await SearchClients.FindAsync(db, DatabaseProvider.Sqlite, _terms)).Count;
    }

    [GlobalCleanup]
    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>In process, as a short job: seeding takes a while and each search a few milliseconds at most.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcessShort"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median, StatisticColumn.P95);
            ArtifactsPath = Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
        }
    }
}

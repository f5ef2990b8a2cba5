using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Benchmarks;

/// <summary>
/// Fifty staff reads of one clinic at once, through the whole app in process: fifty day views of one busy day, and
/// fifty client profiles of fifty different clients. Every one of them records an audit entry, which until ADR 0028
/// took the clinic's chain lock; the time is until the last of the fifty pages has arrived. PostgreSQL needs
/// CLINIC_TEST_POSTGRES, as the tests do.
/// </summary>
[Config(typeof(Config))]
public class ConcurrentReads : IAsyncDisposable
{
    public const int Readers = 50;
    private const int Providers = 10;
    private static readonly DateOnly Day = new(2030, 3, 4);

    private TestDatabase _database = null!;
    private ClinicApp _app = null!;
    private ClinicClient _browser = null!;
    private readonly List<Guid> _clients = [];

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Engine { get; set; }

    // BenchmarkDotNet's in-process toolchain does not wait for an async [GlobalSetup] (dotnet/BenchmarkDotNet#1738).
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "50 concurrent GET /schedule (day view)")]
    public Task DayViews() => Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => GetAsync($"/schedule?date={Day:yyyy-MM-dd}")));

    [Benchmark(Description = "50 concurrent GET /clients/{id} (50 clients)")]
    public Task Profiles() => Task.WhenAll(_clients.Select(id => GetAsync($"/clients/{id}")));

    [GlobalCleanup]
    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(Engine);
        _app = new ClinicApp(_database);
        _browser = _app.Browser();
        await _browser.SignInAsync();
        var clinic = await _app.InScopeAsync(s => s.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))
            ?? throw new InvalidOperationException("The clinic was not created.");
        await SeedAsync(clinic);
        await DayViews();
        await Profiles();
    }

    private async Task GetAsync(string path)
    {
        using var response = await _browser.Http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        await response.Content.ReadAsStringAsync();
    }

    /// <summary>Fifty clients, each with one 45-minute appointment on the day, across ten providers.</summary>
    private async Task SeedAsync(ClinicTenant clinic)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(clinic.TimeZone);
        await using var db = await _app.Services.GetRequiredService<ClinicDatabase>().BeginAsync(clinic.Id, write: true, default);
        var now = _app.Clock.GetUtcNow();
        var service = Guid.CreateVersion7();
        await db.ExecuteAsync(
            "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency) VALUES (@service, @tenant_id, 'Concurrent-read facial', 45, @price, 'PKR')",
            new { service, price = 9000m });
        var providers = new List<Guid>();
        for (var p = 0; p < Providers; p++)
        {
            var provider = Guid.CreateVersion7();
            providers.Add(provider);
            await db.ExecuteAsync(
                "INSERT INTO accounts_staff (id, tenant_id, email, name, role, created_at) VALUES (@provider, @tenant_id, @email, @name, 'Clinician', @now)",
                new { provider, email = $"reader-provider{p:00}@clinic.test", name = $"Dr Reader {p:00}", now });
        }

        for (var i = 0; i < Readers; i++)
        {
            var client = Guid.CreateVersion7();
            _clients.Add(client);
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@client, @tenant_id, @first, 'Reader', @phone, @now)",
                new { client, first = $"Client{i:00}", phone = $"+92300{i:0000000}", now });
            var starts = new DateTimeOffset(Day.ToDateTime(new TimeOnly(9, 0)).AddHours(i / Providers), zone.GetUtcOffset(Day.ToDateTime(TimeOnly.MinValue)));
            await db.ExecuteAsync(
                """
                INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
                VALUES (@id, @tenant_id, @client, @service, @provider, @starts, @ends, @starts, @ends, 'Confirmed', @now, @now)
                """,
                new { id = Guid.CreateVersion7(), client, service, provider = providers[i % Providers], starts, ends = starts.AddMinutes(45), now });
        }

        await db.CommitAsync();
    }

    /// <summary>In process; one burst of fifty per iteration, so the mean is the time a burst takes.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("InProcessBurst"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median, StatisticColumn.P95);
            ArtifactsPath = System.IO.Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
        }
    }
}

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
/// The staff day view, GET /schedule?date=…, rendered by the whole app in process (the tests' WebApplicationFactory
/// host on a real SQLite database, signed in as the owner) for a day with 200 appointments across 20 providers.
/// Timed through HTTP so it measures whatever the page is, not one implementation of it.
/// </summary>
[Config(typeof(Config))]
public class DayView : IAsyncDisposable
{
    public const int Appointments = 200;
    public const int Providers = 20;
    public const string Service = "Day-view bench facial";
    private static readonly DateOnly Day = new(2026, 11, 24);

    private TestDatabase _database = null!;
    private ClinicApp _app = null!;
    private ClinicClient _browser = null!;

    /// <summary>The clients on the day only, and a clinic with a realistic client list behind them.</summary>
    [Params(200, 20_000)]
    public int ClientsInClinic { get; set; }

    private static string Path => $"/schedule?date={Day:yyyy-MM-dd}";

    // BenchmarkDotNet's in-process toolchain does not wait for an async [GlobalSetup] (dotnet/BenchmarkDotNet#1738).
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new ClinicApp(_database);
        _browser = _app.Browser();
        await _browser.SignInAsync();
        var clinic = await _app.InScopeAsync(s => s.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))
            ?? throw new InvalidOperationException("The clinic was not created.");
        await SeedAsync(clinic);

        var body = await RenderAsync();
        var shown = body.Split(Service).Length - 1;
        if (shown < Appointments)
            throw new InvalidOperationException($"The day view shows {shown} of the {Appointments} appointments; the benchmark would time the wrong page.");
        Console.WriteLine($"// DayView: {body.Length:N0} characters of HTML, the service named {shown} times.");
    }

    [Benchmark(Description = "GET /schedule, 200 appointments, 20 providers")]
    public Task<string> Schedule() => RenderAsync();

    private async Task<string> RenderAsync()
    {
        using var response = await _browser.Http.GetAsync(Path);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {Path} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>20 providers as staff, each with ten 45-minute appointments on the day an hour apart, for 200 different clients.</summary>
    private async Task SeedAsync(ClinicTenant clinic)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(clinic.TimeZone);
        await using var database = new ClinicDatabase(
            new DatabaseSettings(DatabaseProvider.Sqlite, _database.ConnectionString, _database.OwnerConnectionString, MigrateOnStartup: false), _app.Clock);
        await using var db = await database.BeginAsync(clinic.Id, write: true, default);
        var now = _app.Clock.GetUtcNow();
        var clients = new List<Guid>();
        for (var i = 0; i < ClientsInClinic; i++)
        {
            var id = Guid.CreateVersion7();
            clients.Add(id);
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@id, @tenant_id, @first, @last, @phone, @now)",
                new { id, first = $"Client{i:00000}", last = "Benchmark", phone = $"+92300{i:0000000}", now });
        }

        var service = Guid.CreateVersion7();
        await db.ExecuteAsync(
            "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency, active) VALUES (@service, @tenant_id, @name, 45, '9000', 'PKR', 1)",
            new { service, name = Service });
        for (var p = 0; p < Providers; p++)
        {
            var provider = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO accounts_staff (id, tenant_id, email, name, role, active, created_at) VALUES (@provider, @tenant_id, @email, @name, 'Clinician', 1, @now)",
                new { provider, email = $"provider{p:00}@clinic.test", name = $"Dr Provider {p:00}", now });
            for (var k = 0; k < Appointments / Providers; k++)
            {
                var starts = new DateTimeOffset(Day.ToDateTime(new TimeOnly(9, 0)).AddHours(k), zone.GetUtcOffset(Day.ToDateTime(TimeOnly.MinValue)));
                await db.ExecuteAsync(
                    """
                    INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
                    VALUES (@id, @tenant_id, @client, @service, @provider, @starts, @ends, @starts, @ends, 'Confirmed', @now, @now)
                    """,
                    new { id = Guid.CreateVersion7(), client = clients[(p * (Appointments / Providers)) + k], service, provider, starts, ends = starts.AddMinutes(45), now });
            }
        }

        await db.CommitAsync();
    }

    [GlobalCleanup]
    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>In process, one page per iteration so that P95 is the 95th percentile of single renders.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(40).WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("InProcessSingleRender"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median, StatisticColumn.P95);
            ArtifactsPath = System.IO.Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
        }
    }
}

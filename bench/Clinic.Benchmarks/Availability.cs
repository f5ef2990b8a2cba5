using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;

namespace Clinic.Benchmarks;

/// <summary>
/// One availability search over 30 days (what the online booking page and the staff booking form run): open a read
/// session, read the service, read the diary, find the slots. The engine is timed against <see cref="NaiveAvailability"/>
/// (<see cref="AvailabilityBaseline"/>) on the same <see cref="AvailabilityClinic"/>, for any provider and for one
/// named provider, and split into its query and its computation.
/// </summary>
[Config(typeof(Config))]
public class Availability
{
    // Seeding 110,000 rows takes a while, so the three benchmarks (run in this one process) share one database.
    internal static readonly Lazy<Task<AvailabilityClinic>> Shared = new(SeedOnceAsync);

    private AvailabilityClinic _clinic = null!;
    private Guid _named;
    private ServiceNeeds _service = null!;
    private Diary _diary = null!;

    private DateOnly From => _clinic.Today;

    private DateOnly To => _clinic.Today.AddDays(29);

    // BenchmarkDotNet's in-process toolchain does not wait for an async [GlobalSetup] (dotnet/BenchmarkDotNet#1738).
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        _clinic = await Shared.Value;
        _named = _clinic.ProviderIds[7];
        await using var db = await _clinic.Database.BeginAsync(_clinic.ClinicId, write: false, default);
        _service = (await ServiceCatalog.FindAsync(db, _clinic.LaserLarge))!.Needs;
        _diary = await DiaryReader.ReadAsync(db, From, To, _clinic.Settings.Zone, AvailabilityClinic.Now);
    }

    [Benchmark(Description = "Engine: 30-day diary + SlotFinder (any provider)")]
    public Task<int> EngineAnyProvider() => EngineAsync(null);

    [Benchmark(Description = "Engine: 30-day diary + SlotFinder (named provider)")]
    public Task<int> EngineNamedProvider() => EngineAsync(_named);

    /// <summary>The query half of the engine: the 30-day diary read alone.</summary>
    [Benchmark(Description = "Engine part: DiaryReader.ReadAsync only")]
    public async Task<object> DiaryOnly()
    {
        await using var db = await _clinic.Database.BeginAsync(_clinic.ClinicId, write: false, default);
        return await DiaryReader.ReadAsync(db, From, To, _clinic.Settings.Zone, AvailabilityClinic.Now);
    }

    /// <summary>The computation half: SlotFinder.Find on a diary read beforehand (any provider).</summary>
    [Benchmark(Description = "Engine part: SlotFinder.Find only (any provider)")]
    public int FindOnly() => SlotFinder.Find(_service, null, From, To, _diary, _clinic.Settings, AvailabilityClinic.Now).Count;

    private async Task<int> EngineAsync(Guid? provider) => (await EngineSlotsAsync(_clinic, provider)).Count;

    internal static async Task<List<Slot>> EngineSlotsAsync(AvailabilityClinic clinic, Guid? provider)
    {
        var from = clinic.Today;
        var to = from.AddDays(29);
        await using var db = await clinic.Database.BeginAsync(clinic.ClinicId, write: false, default);
        var service = (await ServiceCatalog.FindAsync(db, clinic.LaserLarge))!.Needs;
        var diary = await DiaryReader.ReadAsync(db, from, to, clinic.Settings.Zone, AvailabilityClinic.Now);
        return SlotFinder.Find(service, provider, from, to, diary, clinic.Settings, AvailabilityClinic.Now);
    }

    /// <summary>Seeds the clinic and checks, once, that the baseline finds exactly the engine's slots; a fast wrong answer is no baseline.</summary>
    private static async Task<AvailabilityClinic> SeedOnceAsync()
    {
        var clinic = await AvailabilityClinic.SeedAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => clinic.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var provider in new Guid?[] { null, clinic.ProviderIds[7] })
        {
            var engine = await EngineSlotsAsync(clinic, provider);
            await using var db = await clinic.Database.BeginAsync(clinic.ClinicId, write: false, default);
            var naive = await NaiveAvailability.FindAsync(db, clinic.LaserLarge, provider, clinic.Today, clinic.Today.AddDays(29), clinic.Settings, AvailabilityClinic.Now);
            if (engine.Count == 0 || !engine.SequenceEqual(naive))
                throw new InvalidOperationException($"Engine and naive baseline disagree for provider {provider?.ToString() ?? "any"}: {engine.Count} vs {naive.Count} slots.");
            Console.WriteLine($"// Availability: {AvailabilityClinic.History:N0} past and {clinic.Upcoming:N0} upcoming appointments; {engine.Count} slots for provider {provider?.ToString() ?? "any"}, engine = baseline.");
        }

        return clinic;
    }

    /// <summary>
    /// In process, one search per iteration so that P95 is the 95th percentile of single searches, not of averages;
    /// 30 iterations keep the naive baseline (seconds each) within minutes; the default 5-minute in-process timeout is too short for it.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(30).WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("InProcessSingleSearch"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median, StatisticColumn.P95);
            ArtifactsPath = Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
        }
    }
}

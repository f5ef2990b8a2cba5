using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Clinic.Benchmarks;

/// <summary>
/// <see cref="NaiveAvailability"/> on the same clinic and search as <see cref="Availability"/>. Apart from the engine
/// because one search takes up to a minute: a few iterations say all there is to say about it.
/// </summary>
[Config(typeof(Config))]
public class AvailabilityBaseline
{
    private AvailabilityClinic _clinic = null!;

    // Synchronous: BenchmarkDotNet's in-process toolchain does not wait for an async [GlobalSetup] (dotnet/BenchmarkDotNet#1738).
    [GlobalSetup]
    public void SetUp() => _clinic = Availability.Shared.Value.GetAwaiter().GetResult();

    [Benchmark(Description = "Naive: all appointments, linear scan (any provider)")]
    public Task<int> NaiveAnyProvider() => NaiveAsync(null);

    [Benchmark(Description = "Naive: all appointments, linear scan (named provider)")]
    public Task<int> NaiveNamedProvider() => NaiveAsync(_clinic.ProviderIds[7]);

    private async Task<int> NaiveAsync(Guid? provider)
    {
        await using var db = await _clinic.Database.BeginAsync(_clinic.ClinicId, write: false, default);
        return (await NaiveAvailability.FindAsync(db, _clinic.LaserLarge, provider, _clinic.Today, _clinic.Today.AddDays(29), _clinic.Settings, AvailabilityClinic.Now)).Count;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("InProcessSingleSearch"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median, StatisticColumn.P95);
            ArtifactsPath = System.IO.Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
        }
    }
}

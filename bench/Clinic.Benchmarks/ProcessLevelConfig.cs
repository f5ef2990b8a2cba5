using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Clinic.Benchmarks;

/// <summary>
/// Each invocation launches a whole process and takes seconds, so: the Monitoring strategy (no pilot, no overhead
/// runs, one invocation per iteration), one warm-up launch and ten measured ones (CLINIC_BENCH_ITERATIONS overrides).
/// The runner itself works in-process: the code under test is the child, and staying in one process lets the memory
/// columns read what the benchmarks recorded and avoids rebuilding this project in a generated one.
/// </summary>
internal sealed class ProcessLevelConfig : ManualConfig
{
    public ProcessLevelConfig()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("CLINIC_BENCH_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10;
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true))
            .WithId("ProcessLaunch"));
        AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median);
        AddColumn(LaunchColumn.CpuToReady, LaunchColumn.IdleRss, LaunchColumn.PeakRss, LaunchColumn.Load, HostEnvironmentColumn.Instance);
        ArtifactsPath = Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
    }
}

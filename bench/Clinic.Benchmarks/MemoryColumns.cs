using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Clinic.Benchmarks;

/// <summary>What was read from one launched host: CPU time used by the moment it was ready, then memory after the idle wait.</summary>
internal sealed record LaunchSample(TimeSpan CpuToReady, long IdleRss, long PeakRss, double LoadAverage)
{
    /// <summary>The machine's one-minute load average: other work on the cores inflates wall-clock start-up, so it is reported beside it.</summary>
    public static double ReadLoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}

/// <summary>
/// Samples from every launched host, keyed by benchmark method. The suite runs in-process (see
/// <see cref="ProcessLevelConfig"/>), so the columns read what the benchmarks recorded.
/// </summary>
internal static class LaunchSamples
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<LaunchSample>> Samples = new(StringComparer.Ordinal);

    public static void Record(string benchmark, LaunchSample sample)
    {
        Samples.GetOrAdd(benchmark, _ => new()).Enqueue(sample);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {benchmark}: CPU to ready {sample.CpuToReady.TotalSeconds:F2} s, idle VmRSS {Megabytes(sample.IdleRss):F1} MB, VmHWM {Megabytes(sample.PeakRss):F1} MB, load {sample.LoadAverage:F2}"));
    }

    public static IReadOnlyList<LaunchSample> For(string benchmark) =>
        Samples.TryGetValue(benchmark, out var samples) ? [.. samples] : [];

    public static double Megabytes(long bytes) => bytes / 1048576.0;
}

/// <summary>A column that summarises one figure over every launch of a benchmark: mean (min-max, n).</summary>
internal sealed class LaunchColumn(string name, string unit, string legend, Func<LaunchSample, double> figure) : IColumn
{
    public static readonly LaunchColumn CpuToReady = new(
        "CPU to ready", "s",
        "User + system CPU time the host used from launch to its first 200 from /health/ready (10 ms ticks); mean (min-max, launches incl. warm-up)",
        s => s.CpuToReady.TotalSeconds);

    public static readonly LaunchColumn IdleRss = new(
        "Idle RSS", "MB",
        "Resident set (VmRSS) of the host after it was ready and then idle; mean (min-max, launches incl. warm-up); 1 MB = 2^20 bytes",
        s => LaunchSamples.Megabytes(s.IdleRss));

    public static readonly LaunchColumn Load = new(
        "Load", "",
        "One-minute load average of the machine when the host became ready (other processes competing for the cores); mean (min-max)",
        s => s.LoadAverage);

    public static readonly LaunchColumn PeakRss = new(
        "Peak RSS", "MB",
        "High-water mark of the resident set (VmHWM) since launch, read at the same moment as Idle RSS; mean (min-max)",
        s => LaunchSamples.Megabytes(s.PeakRss));

    public string Id => nameof(LaunchColumn) + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var values = LaunchSamples.For(benchmarkCase.Descriptor.WorkloadMethod.Name).Select(figure).ToList();
        var format = unit == "MB" ? "F1" : "F2";
        return values.Count == 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture,
                $"{values.Average().ToString(format, CultureInfo.InvariantCulture)}{(unit.Length > 0 ? " " + unit : "")} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}-{values.Max().ToString(format, CultureInfo.InvariantCulture)}, n={values.Count})");
    }

    public override string ToString() => ColumnName;
}

/// <summary>Shows which extra runtime settings (CLINIC_BENCH_HOST_ENV) the host ran with.</summary>
internal sealed class HostEnvironmentColumn : IColumn
{
    public static readonly HostEnvironmentColumn Instance = new();

    public string Id => nameof(HostEnvironmentColumn);
    public string ColumnName => "Host env";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Job;
    public int PriorityInCategory => 0;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Extra environment variables given to the host ({HostProcess.HostEnvironmentVariable}); 'default' means none";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => HostProcess.ExtraEnvironmentText;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public override string ToString() => ColumnName;
}

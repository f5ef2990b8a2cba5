using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Clinic.Benchmarks;

/// <summary>
/// Start-up of the Release host on SQLite with every module and the jobs on: from launching
/// <c>dotnet Clinic.Host.dll</c> to the first 200 from <c>/health/ready</c>. Each launch gets a fresh temporary data
/// folder. Outside the timed part, every launch is then left idle (10 s; CLINIC_BENCH_IDLE_SECONDS overrides) and its
/// resident memory read from /proc before the host is killed and the folder deleted.
/// </summary>
[Config(typeof(ProcessLevelConfig))]
public class HostStartup
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CLINIC_BENCH_IDLE_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 10);

    private string _hostDll = "";
    private string? _migratedTemplate;
    private string? _folder;
    private string _benchmark = "";
    private HostProcess? _host;
    private TimeSpan _cpuToReady;
    private double _loadAtReady;

    /// <summary>An empty data folder: the host creates the database and applies every module's migrations.</summary>
    [Benchmark(Description = "Cold start to ready, empty database (migrations run)")]
    public void EmptyDatabase() => LaunchUntilReady();

    /// <summary>A copy of a database that an earlier run migrated and shut down cleanly: the usual restart.</summary>
    [Benchmark(Description = "Cold start to ready, migrated database")]
    public void MigratedDatabase() => LaunchUntilReady();

    [GlobalSetup(Target = nameof(EmptyDatabase))]
    public void SetUpEmpty() => _hostDll = HostBuild.HostDll;

    [GlobalSetup(Target = nameof(MigratedDatabase))]
    public void SetUpMigrated()
    {
        _hostDll = HostBuild.HostDll;
        _migratedTemplate = NewFolder();
        using var host = HostProcess.Start(_hostDll, _migratedTemplate);
        host.WaitUntilReady();
        host.StopGracefully();
    }

    [IterationSetup(Target = nameof(EmptyDatabase))]
    public void NewEmptyFolder()
    {
        _benchmark = nameof(EmptyDatabase);
        _folder = NewFolder();
    }

    [IterationSetup(Target = nameof(MigratedDatabase))]
    public void NewMigratedFolder()
    {
        _benchmark = nameof(MigratedDatabase);
        _folder = NewFolder();
        CopyFolder(_migratedTemplate!, _folder);
    }

    [IterationCleanup]
    public void SampleMemoryAndKill()
    {
        try
        {
            if (_host is not null)
            {
                Thread.Sleep(Idle);
                var (rss, peak) = _host.ReadMemory();
                LaunchSamples.Record(_benchmark, new LaunchSample(_cpuToReady, rss, peak, _loadAtReady));
            }
        }
        finally
        {
            _host?.Dispose();
            _host = null;
            DeleteFolder(_folder);
            _folder = null;
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _host?.Dispose();
        _host = null;
        DeleteFolder(_folder);
        DeleteFolder(_migratedTemplate);
        _migratedTemplate = null;
    }

    private void LaunchUntilReady()
    {
        _host = HostProcess.Start(_hostDll, _folder!);
        _host.WaitUntilReady();
        _cpuToReady = _host.ReadCpuTime();
        _loadAtReady = LaunchSample.ReadLoadAverage();
    }

    private static string NewFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "clinic-bench-" + Guid.NewGuid().ToString("N"))).FullName;

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void DeleteFolder(string? folder)
    {
        if (folder is not null && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}

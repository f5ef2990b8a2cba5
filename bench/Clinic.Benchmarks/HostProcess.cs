using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Clinic.Benchmarks;

/// <summary>
/// One run of the published host as a child process, with a fresh data folder, every module and the jobs on.
/// Every wait is bounded, and a child is killed (with its whole tree) on every path out, including this runner's exit.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    public const string HostEnvironmentVariable = "CLINIC_BENCH_HOST_ENV";
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] Modules = ["Accounts", "Clients", "Booking", "Charting", "Billing", "Messaging", "Privacy", "Cookies"];
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly Process _process;
    private readonly Uri _ready;
    private readonly ConcurrentQueue<string> _output = new();

    static HostProcess()
    {
        // Whatever happens to the runner, no host outlives it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Live.Values)
                TryKill(process);
        };
    }

    private HostProcess(Process process, Uri ready)
    {
        _process = process;
        _ready = ready;
    }

    public int Id => _process.Id;

    /// <summary>Extra variables for the host from CLINIC_BENCH_HOST_ENV ("DOTNET_TieredPGO=0;DOTNET_gcServer=0"), or none.</summary>
    public static IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = ParseExtraEnvironment();

    public static string ExtraEnvironmentText => ExtraEnvironment.Count == 0
        ? "default"
        : string.Join(' ', ExtraEnvironment.Select(e => $"{e.Key}={e.Value}"));

    /// <summary>Launches <c>dotnet Clinic.Host.dll</c> with <paramref name="dataFolder"/> as its working directory and database folder.</summary>
    public static HostProcess Start(string hostDll, string dataFolder)
    {
        var port = FreePort();
        var hostDir = Path.GetDirectoryName(hostDll)!;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", hostDir },
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Runtime knobs inherited from the shell or `dotnet run` would skew the figures; only CLINIC_BENCH_HOST_ENV sets them.
        foreach (var key in start.Environment.Keys.Where(IsInheritedKnob).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(dataFolder, "data", "clinic.db")}";
        start.Environment["Clinic__Database__Provider"] = "Sqlite";
        start.Environment["Clinic__Jobs__Enabled"] = "true";
        foreach (var module in Modules)
            start.Environment[$"Clinic__Modules__{module}__Enabled"] = "true";
        foreach (var (key, value) in ExtraEnvironment)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/health/ready"));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        Live[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls /health/ready every 10 ms until it answers 200; kills the host and throws if that takes over a minute or the host dies.</summary>
    public void WaitUntilReady()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                Fail($"The host exited with code {_process.ExitCode} before it was ready.");
            if (deadline.Elapsed > ReadyTimeout)
                Fail($"The host was not ready within {ReadyTimeout.TotalSeconds} s.");

            try
            {
                using var response = Http.GetAsync(_ready, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer; the overall deadline still applies.
            }

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>The resident set (VmRSS) and its high-water mark (VmHWM) from /proc, in bytes.</summary>
    public (long Rss, long Peak) ReadMemory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kilobytes(line);
        }

        return rss > 0 ? (rss, peak) : throw new InvalidOperationException($"No VmRSS for process {_process.Id}.");
    }

    /// <summary>
    /// The CPU time (user + system) the host has used so far, from /proc/&lt;pid&gt;/stat in USER_HZ ticks (100 per second
    /// on Linux, so 10 ms resolution). Unlike wall time, it barely changes when other processes compete for the cores.
    /// </summary>
    public TimeSpan ReadCpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Asks the host to shut down (SIGTERM) and waits for it, killing it if it takes too long.</summary>
    public void StopGracefully()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            kill?.WaitForExit(ExitTimeout);
        }

        if (!_process.WaitForExit(ExitTimeout))
            TryKill(_process);
    }

    /// <summary>Kills the host and everything it started, and waits (bounded) for it to go.</summary>
    public void Dispose()
    {
        TryKill(_process);
        Live.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(ExitTimeout);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static bool IsInheritedKnob(string key) =>
        (key.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) && !key.StartsWith("DOTNET_ROOT", StringComparison.OrdinalIgnoreCase))
        || key.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Clinic__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> ParseExtraEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(HostEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
            return new Dictionary<string, string>(StringComparer.Ordinal);
        return text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2 && pair[0].Length > 0)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 40)
            _output.TryDequeue(out _);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason)
    {
        TryKill(_process);
        throw new InvalidOperationException($"{reason} Last output:\n{string.Join('\n', _output)}");
    }
}

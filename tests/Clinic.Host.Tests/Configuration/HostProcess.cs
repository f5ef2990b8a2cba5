using System.Diagnostics;
using System.Text;

namespace Clinic.Host.Tests.Configuration;

/// <summary>How a run of the real host ended: its exit code and what it wrote.</summary>
public sealed record HostExit(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines => [.. Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stderr:{Environment.NewLine}{Error}{Environment.NewLine}stdout:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the built Clinic.Host.dll as an operator would (`dotnet Clinic.Host.dll`), in Production, from a throwaway
/// working directory holding its SQLite file, so nothing is written into the repository.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public HostProcess()
    {
        WorkingDirectory = Path.Combine(Path.GetTempPath(), "clinic-tests", "host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkingDirectory);
    }

    public string WorkingDirectory { get; }

    public string DatabaseFile => Path.Combine(WorkingDirectory, "clinic.db");

    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "Clinic.Host.dll");

    /// <summary>
    /// Runs the host until it exits. A host that starts serving instead is stopped at once and reported with
    /// exit code <see cref="int.MinValue"/>, so a test expecting a failure fails quickly.
    /// </summary>
    public async Task<HostExit> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(HostAssembly) || !File.Exists(Path.ChangeExtension(HostAssembly, ".runtimeconfig.json")))
            throw new InvalidOperationException($"{HostAssembly} and its runtimeconfig.json must be built next to the tests.");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(IsClinicSetting).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Clinic__Jobs__Enabled"] = "false";
        start.Environment["ConnectionStrings__Clinic"] = $"Data Source={DatabaseFile}";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var started = new CancellationTokenSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
                started.Cancel();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
                error.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(started.Token);
        deadline.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var why = started.IsCancellationRequested ? "started serving" : $"was still running after {Limit.TotalSeconds:0} s";
            lock (output)
                output.AppendLine($"[killed: the host {why}]");
            return new HostExit(int.MinValue, output.ToString(), error.ToString());
        }

        await process.WaitForExitAsync(CancellationToken.None);
        return new HostExit(process.ExitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(WorkingDirectory, recursive: true);
    }

    private static bool IsClinicSetting(string key) =>
        key.StartsWith("Clinic__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);
}

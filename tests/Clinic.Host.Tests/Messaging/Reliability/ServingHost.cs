using System.Diagnostics;
using System.Text;
using Clinic.Host.Tests.Configuration;

namespace Clinic.Host.Tests.Messaging.Reliability;

/// <summary>
/// The built Clinic.Host.dll serving as an operator runs it (`dotnet Clinic.Host.dll`, Production, jobs on) until the
/// test kills it the way a power cut or an OOM kill would: the whole process tree at once, no graceful shutdown.
/// </summary>
public sealed class ServingHost : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private ServingHost(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Everything the host wrote so far, for a failing assertion's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<ServingHost> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        // A throwaway working directory: the database is wherever the connection string says, nothing lands in the repository.
        var folder = Path.Combine(Path.GetTempPath(), "clinic-tests", "serving-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.HostAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var key in start.Environment.Keys.Where(IsClinicSetting).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var host = new ServingHost(new Process { StartInfo = start }, folder);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host._process.OutputDataReceived += (_, e) =>
        {
            host.Keep(e.Data);
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        host._process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(started.Task, host._process.WaitForExitAsync()).WaitAsync(StartLimit);
        }
        catch (TimeoutException e)
        {
            host.Dispose();
            throw new InvalidOperationException($"The host did not start within {StartLimit.TotalSeconds:0} s:\n{host.Output}", e);
        }

        if (!started.Task.IsCompleted)
        {
            var exit = $"The host exited with {host._process.ExitCode} before serving:\n{host.Output}";
            host.Dispose();
            throw new InvalidOperationException(exit);
        }

        return host;
    }

    /// <summary>Kills the host and everything it started, without any chance to finish what it was doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(StartLimit);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Keep(string? line)
    {
        lock (_output)
            _output.AppendLine(line);
    }

    private static bool IsClinicSetting(string key) =>
        key.StartsWith("Clinic__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);
}

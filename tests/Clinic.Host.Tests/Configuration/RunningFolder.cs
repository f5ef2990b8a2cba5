using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>
/// Clinic.Host.dll from some folder, serving as an operator starts it: <c>dotnet /that/folder/Clinic.Host.dll</c> from
/// another working directory, in Production, with no Clinic settings but its own appsettings.json, on a free port.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which ends the process.")]
public abstract partial class RunningFolder : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The folder the host was started from: anywhere but its own.</summary>
    public string WorkingFolder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "clinic-tests", "elsewhere-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The folder holding Clinic.Host.dll.</summary>
    public abstract string AppFolder { get; }

    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (_output)
                return [.. _output.ToString().Split('\n').Select(l => l.TrimEnd('\r'))];
        }
    }

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = WorkingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppFolder, "Clinic.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var key in start.Environment.Keys.Where(IsHostSetting).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Clinic__Jobs__Enabled"] = "false";
        foreach (var (key, value) in Settings)
            start.Environment[key] = value;

        _process = new Process { StartInfo = start };
        Uri? address = null;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data is not null && ListeningOn().Match(e.Data) is { Success: true } listening)
                address = new Uri(listening.Groups["address"].Value);
            // The host's last start-up line, logged once it serves: tests may then read every line before it.
            if (address is not null && e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(started.Task, exited).WaitAsync(StartLimit) != started.Task)
            throw new InvalidOperationException($"Clinic exited before serving:\n{string.Join('\n', OutputLines)}");

        Http = new HttpClient { BaseAddress = address };
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        Directory.Delete(WorkingFolder, recursive: true);
    }

    /// <summary>Environment settings beyond the defaults in its appsettings.json.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal);

    protected virtual Task PrepareAsync() => Task.CompletedTask;

    private static bool IsHostSetting(string key) =>
        key.StartsWith("Clinic__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_CONTENTROOT", StringComparison.OrdinalIgnoreCase);

    private void Keep(string? line)
    {
        lock (_output)
            _output.AppendLine(line);
    }

    [GeneratedRegex("Now listening on: (?<address>http://[0-9.:]+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ListeningOn();
}

/// <summary>
/// Clinic published once for the test class (<c>dotnet publish --no-build</c> of the build under test, into a fresh
/// folder) and started from another folder. Its SQLite file goes where appsettings.json says, relative to its folder.
/// </summary>
public sealed class PublishedClinic : RunningFolder
{
    public override string AppFolder { get; } = Path.Combine(Path.GetTempPath(), "clinic-tests", "published-" + Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(AppFolder, recursive: true);
    }

    protected override async Task PrepareAsync()
    {
        var configuration = typeof(PublishedClinic).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var publish = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", Path.Combine(RepositoryRoot(), "src", "Host", "Clinic.Host.csproj"), "--no-build", "-c", configuration, "-o", AppFolder])
            publish.ArgumentList.Add(argument);
        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Clinic.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No Clinic.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>The build under test, unpublished (its web files still in the source tree), started from another folder.</summary>
public sealed class BuiltClinic : RunningFolder
{
    public override string AppFolder => AppContext.BaseDirectory;

    // Its database goes in the throwaway folder, not the build output.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(WorkingFolder, "clinic.db")}",
    };
}

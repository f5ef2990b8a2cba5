using System.Diagnostics;
using System.Reflection;

namespace Clinic.Benchmarks;

/// <summary>
/// Finds the Release build of the host to measure. By default it publishes src/Host in Release into
/// <c>bin/…/clinic-host/</c> beside this runner, once per run; <c>CLINIC_BENCH_HOST_DIR</c> names an existing publish folder instead.
/// </summary>
internal static class HostBuild
{
    public const string HostDirVariable = "CLINIC_BENCH_HOST_DIR";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(6);
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The full path of Clinic.Host.dll in a Release publish folder.</summary>
    public static string HostDll => Published.Value;

    public static string BenchmarkProjectDirectory => Metadata("BenchmarkProjectDirectory");

    private static string Publish()
    {
        var existing = Environment.GetEnvironmentVariable(HostDirVariable);
        if (!string.IsNullOrWhiteSpace(existing))
            return RequireHost(Path.GetFullPath(existing));

        var project = Metadata("ClinicHostProject");
        if (!File.Exists(project))
            throw new FileNotFoundException($"The host project is not where this runner was built to expect it. Set {HostDirVariable}.", project);

        var output = Path.Combine(AppContext.BaseDirectory, "clinic-host");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Console.WriteLine($"// Publishing the host in Release: dotnet publish {project} -c Release -o {output}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish of the host took longer than {PublishTimeout}.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of the host failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return RequireHost(output);
    }

    private static string RequireHost(string folder)
    {
        var dll = Path.Combine(folder, "Clinic.Host.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException("No Clinic.Host.dll in the host folder.", dll);
        return dll;
    }

    private static string Metadata(string key) =>
        typeof(HostBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing; build this project with its csproj.");
}

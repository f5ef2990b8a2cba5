using System.Text.RegularExpressions;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// Time comes from the injected TimeProvider: the app reads nothing else, and each test app's is a fixed clock the test
/// moves (ClinicApp.Clock), so no test passes or fails by the day or hour it runs. A wait a test bounds is timed with a
/// Stopwatch, which measures how long, not when.
/// </summary>
public sealed class WallClockTests
{
    private static readonly Regex WallClock = new(
        @"\b(?:DateTime|DateTimeOffset)\s*\.\s*(?:Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    // The files that may read the machine's clock, each with its reason.
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/Host/Hosting/ModuleRegistration.cs"] = "the composition root registers the machine's clock as the app's TimeProvider",
        ["tests/Clinic.Host.Tests/Messaging/Reliability/InterruptedSendClinic.cs"] =
            "its messages are sent by the host as a child process, which can run on nothing but the machine's clock",
    };

    [Fact]
    public void No_test_reads_the_wall_clock() => Offences.AssertNone(Reads("tests"));

    [Fact]
    public void The_app_reads_the_time_only_through_its_injected_TimeProvider() => Offences.AssertNone(Reads("src"));

    [Fact]
    public void Every_file_allowed_to_read_the_wall_clock_still_does()
    {
        var stale = Allowed.Keys
            .Where(file => !File.Exists(Path.Combine(Codebase.Root, file)) || !WallClock.IsMatch(CSharpStrings.WithoutComments(File.ReadAllText(Path.Combine(Codebase.Root, file)))))
            .Select(file => $"{file} is allowed to read the wall clock but no longer does: take it off the list")
            .ToList();

        Offences.AssertNone(stale);
    }

    private static List<string> Reads(string folder)
    {
        var offences = new List<string>();
        var files = Directory.EnumerateFiles(Path.Combine(Codebase.Root, folder), "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Codebase.Root, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || Allowed.ContainsKey(relative))
                continue;

            var code = CSharpStrings.WithoutComments(File.ReadAllText(file));
            offences.AddRange(WallClock.Matches(code).Select(read =>
                $"{relative}:{1 + code.AsSpan(0, read.Index).Count('\n')} reads {read.Value}: use the app's TimeProvider (in tests ClinicApp.Clock), or a Stopwatch to bound a wait"));
        }

        return offences;
    }
}

using System.Text.RegularExpressions;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// Staff read every day and time in one shape, written by ClinicDates (ADR 0036): a page with a format string of its
/// own drifts from the rest and is one more place a translation must find. Protocol formats (ISO 8601's round trip,
/// iCalendar's basic form, UTC stamps) are not for people and stay where their protocol is.
/// </summary>
public sealed class ClinicDatesTests
{
    private static readonly Regex PeopleFormat = new(
        @"\.ToString\(\s*""(?<format>[^""]*(?:HH|hh|h:mm|MMM|ddd|yyyy|dd)[^""]*)""",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    // Formats a protocol fixes, wherever they are written.
    private static readonly HashSet<string> Protocol = new(StringComparer.Ordinal)
    {
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", "yyyyMMdd'T'HHmmss'Z'",
    };

    // Files that may write days and times themselves, each with its reason.
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/BuildingBlocks/Clinic.BuildingBlocks/Time/ClinicDates.cs"] = "the one place that writes them",
        ["src/Modules/Messaging/Clinic.Modules.Messaging/Templates/TemplateRenderer.cs"] =
            "messages to clients are written in the message's language and on its clock (en-GB, ur-PK), not staff pages'",
        ["src/Modules/Messaging/Clinic.Modules.Messaging/Channels/TwilioChannel.cs"] =
            "Twilio's message list filters by a UTC day written yyyy-MM-dd",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Features/ClinicSite/OpeningHoursText.cs"] =
            "the public website writes opening hours as its visitors read them, on a 12-hour clock",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Features/AuditViewer/AuditViewerPage.razor"] =
            "the audit trail is read to the second, and no other page needs seconds",
    };

    [Fact]
    public void Pages_write_days_and_times_through_ClinicDates()
    {
        var offences = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Codebase.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var file = Path.GetRelativePath(Codebase.Root, path).Replace('\\', '/');
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal) || Allowed.ContainsKey(file))
                continue;

            var code = CSharpStrings.WithoutComments(File.ReadAllText(path));
            offences.AddRange(PeopleFormat.Matches(code)
                .Where(m => !Protocol.Contains(m.Groups["format"].Value))
                .Select(m => $"{file}:{1 + code.AsSpan(0, m.Index).Count('\n')} formats \"{m.Groups["format"].Value}\" itself: use ClinicDates"));
        }

        Offences.AssertNone(offences);
    }
}

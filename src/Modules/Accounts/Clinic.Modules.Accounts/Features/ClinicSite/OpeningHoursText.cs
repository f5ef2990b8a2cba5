using System.Globalization;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Features.ClinicSite;

/// <summary>Opening hours as visitors read them: every day of the week, or a short summary for the footer.</summary>
internal static class OpeningHoursText
{
    private static readonly DayOfWeek[] Week = Features.EditClinicProfile.EditClinicProfile.Week;

    /// <summary>Monday to Sunday, each with its hours or "Closed".</summary>
    public static IEnumerable<(string Day, string Hours)> Days(ClinicProfile profile) =>
        Week.Select(day => (day.ToString(), Of(profile, day)));

    /// <summary>Runs of days with the same hours joined, e.g. "Mon–Fri 9:00 AM–6:00 PM · Sat 10:00 AM–2:00 PM · Sun Closed".</summary>
    public static string Summary(ClinicProfile profile)
    {
        var runs = new List<(DayOfWeek First, DayOfWeek Last, string Hours)>();
        foreach (var day in Week)
        {
            var hours = Of(profile, day);
            if (runs.Count > 0 && runs[^1].Hours == hours)
                runs[^1] = runs[^1] with { Last = day };
            else
                runs.Add((day, day, hours));
        }

        return string.Join(" · ", runs.Select(r => (r.First == r.Last ? Short(r.First) : $"{Short(r.First)}–{Short(r.Last)}") + " " + r.Hours));
    }

    private static string Of(ClinicProfile profile, DayOfWeek day) =>
        profile.Hours.FirstOrDefault(h => h.Day == day) is { } open ? $"{Clock(open.Opens)}–{Clock(open.Closes)}" : "Closed";

    private static string Short(DayOfWeek day) => day.ToString()[..3];

    private static string Clock(TimeOnly time) => time.ToString("h:mm tt", CultureInfo.InvariantCulture);
}

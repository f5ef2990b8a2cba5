using System.Globalization;

namespace Clinic.BuildingBlocks.Time;

/// <summary>
/// How every page writes a day and a time, in one place: staff see the same shape on the diary, the audit trail and
/// a message, and a translation later changes one file. Callers pass clinic-local values (see <c>ClinicTime</c>);
/// <see cref="Value(DateOnly)"/> is the machine form for form fields and links, never for reading.
/// </summary>
public static class ClinicDates
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>10:00</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", Culture);

    /// <summary>10:00</summary>
    public static string Time(DateTimeOffset local) => local.ToString("HH:mm", Culture);

    /// <summary>4 March 2030</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", Culture);

    /// <summary>4 Mar 2030</summary>
    public static string ShortDate(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>4 Mar 2030: the clinic's day at an instant stored in UTC.</summary>
    public static string ShortDate(DateTimeOffset instant, TimeZoneInfo zone) => ShortDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    /// <summary>4 Mar, where the year goes without saying or there is no room for it: a chart's axis, a button's label.</summary>
    public static string DayAndMonth(DateOnly day) => day.ToString("d MMM", Culture);

    /// <summary>Monday 4 March 2030</summary>
    public static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", Culture);

    /// <summary>Mon 4 Mar</summary>
    public static string ShortDay(DateOnly day) => day.ToString("ddd d MMM", Culture);

    /// <summary>Mon 4 Mar 2030: a day in a list that reaches into another year (closures, time off).</summary>
    public static string ShortDayWithYear(DateOnly day) => day.ToString("ddd d MMM yyyy", Culture);

    /// <summary>4 Mar 2030, 10:00</summary>
    public static string Moment(DateTimeOffset local) => local.ToString("d MMM yyyy, HH:mm", Culture);

    /// <summary>4 Mar 2030, 10:00 in <paramref name="zone"/>, for an instant stored in UTC.</summary>
    public static string Moment(DateTimeOffset instant, TimeZoneInfo zone) => Moment(TimeZoneInfo.ConvertTime(instant, zone));

    /// <summary>Monday 4 March 2030, 10:00</summary>
    public static string LongMoment(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy, HH:mm", Culture);

    /// <summary>2030-03-04, what a date input and a link carry.</summary>
    public static string Value(DateOnly day) => day.ToString("yyyy-MM-dd", Culture);

    /// <summary>Reads <see cref="Value(DateOnly)"/> back; null for anything else.</summary>
    public static DateOnly? ParseValue(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", Culture, DateTimeStyles.None, out var day) ? day : null;
}

using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Clinic.BuildingBlocks.Data;

/// <summary>
/// Reads ids and instants as either engine stores them: native on PostgreSQL, fixed-shape text on SQLite. Dapper's
/// type handlers use it, and so do the few hot reads that walk a <see cref="DbDataReader"/> themselves.
/// </summary>
public static class StoredValues
{
    /// <summary>How SQLite stores every instant: sortable ISO 8601 in UTC, always 28 characters.</summary>
    internal const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public static Guid GetId(this DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string) ? Guid.ParseExact(reader.GetString(ordinal), "D") : reader.GetGuid(ordinal);

    public static Guid? GetIdOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetId(ordinal);

    public static DateTimeOffset GetInstant(this DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? ToInstant(reader.GetString(ordinal))
            : ToInstant(reader.GetValue(ordinal));

    /// <summary>An id as SQLite stores it, from part of a longer text (see <see cref="DbSession.ReadAsync"/>).</summary>
    public static Guid ParseId(ReadOnlySpan<char> text) => Guid.ParseExact(text, "D");

    /// <summary>An instant as SQLite stores it, from part of a longer text.</summary>
    public static DateTimeOffset ParseInstant(ReadOnlySpan<char> text) =>
        TryParseStored(text, out var stored) ? stored : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, Utc);

    internal static Guid ToId(object value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        byte[] bytes => new Guid(bytes),
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as an id."),
    };

    internal static DateTimeOffset ToInstant(object value) => value switch
    {
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text when TryParseStored(text, out var stored) => stored,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, Utc),
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as an instant."),
    };

    /// <summary>
    /// Reads the fixed shape <see cref="InstantFormat"/> digit by digit, far cheaper than the general parser, which
    /// matters when a diary read brings back thousands of instants (docs/performance.md, availability search).
    /// Anything else is left to the general parser.
    /// </summary>
    private static bool TryParseStored(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
            return false;

        int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2), hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2), ticks = Digits(text, 20, 7);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || ticks < 0)
            return false;

        instant = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
        return true;
    }

    /// <summary>The number in <paramref name="count"/> digits from <paramref name="start"/>, or -1 when one is not a digit.</summary>
    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        foreach (var c in text.Slice(start, count))
        {
            var digit = c - '0';
            if (digit is < 0 or > 9)
                return -1;
            value = (value * 10) + digit;
        }

        return value;
    }
}

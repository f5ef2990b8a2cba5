using System.Globalization;
using System.Text;

namespace Clinic.Modules.Booking.Features.CalendarFeed;

/// <summary>RFC 5545 content lines: CRLF endings, text escaped (§3.3.11), lines folded at 75 octets (§3.1).</summary>
internal sealed class IcsWriter
{
    private const int MaxOctets = 75;

    private readonly StringBuilder _text = new();

    public override string ToString() => _text.ToString();

    /// <summary>A property whose value is already in its iCalendar form (a date-time, an integer, a keyword).</summary>
    public IcsWriter Raw(string name, string value)
    {
        Fold(name + ":" + value);
        return this;
    }

    /// <summary>A TEXT property, escaped.</summary>
    public IcsWriter Text(string name, string value) => Raw(name, Escape(value));

    public IcsWriter Utc(string name, DateTimeOffset instant) =>
        Raw(name, instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .ReplaceLineEndings("\\n");

    // Continuation lines start with a space, which counts towards their 75 octets; a character (a surrogate pair
    // included) is never split across lines.
    private void Fold(string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > MaxOctets)
            {
                _text.Append("\r\n ");
                octets = 1;
            }

            _text.Append(line, i, length);
            octets += size;
            i += length - 1;
        }

        _text.Append("\r\n");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Clinic.Modules.Messaging.Templates;

/// <summary>Fills a template's <c>{{placeholders}}</c> with a message's values, written for the reader's language and the clinic's time zone.</summary>
internal static partial class TemplateRenderer
{
    public static TemplateText Render(TemplateText template, MessageKind kind, IReadOnlyDictionary<string, string> values, TimeZoneInfo zone, string language)
    {
        var culture = CultureFor(language);
        string Fill(string text) => Placeholders().Replace(text, m => Write(kind.Find(m.Groups["name"].Value), values.GetValueOrDefault(m.Groups["name"].Value), zone, culture));
        return new TemplateText(template.Subject is null ? null : Fill(template.Subject), Fill(template.Body));
    }

    /// <summary>Placeholder names a template uses that its kind does not offer; a template using one is refused.</summary>
    public static IReadOnlyList<string> Unknown(string text, MessageKind kind) =>
        [.. Placeholders().Matches(text).Select(m => m.Groups["name"].Value).Where(name => kind.Find(name) is null).Distinct()];

    private static string Write(Placeholder? placeholder, string? value, TimeZoneInfo zone, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(value) || placeholder is null)
            return value ?? "";
        if (placeholder.Type == PlaceholderType.Instant && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return TimeZoneInfo.ConvertTime(instant, zone).ToString("dddd d MMMM yyyy, h:mm tt", culture);
        return value;
    }

    private static CultureInfo CultureFor(string language) => CultureInfo.GetCultureInfo(language == "ur" ? "ur-PK" : "en-GB");

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z_]+(?:\.[a-z_]+)*)\s*\}\}", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholders();
}

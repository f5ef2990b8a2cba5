using System.Text;
using FluentValidation;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// The rules every piece of typed text meets before it is stored: a maximum length, and no characters that hide or
/// disguise what a reader sees. Markup and SQL are ordinary text here; they are stored verbatim, bound as parameters
/// and rendered escaped. Each message names the field, in the words the form uses.
/// </summary>
public static class TextRules
{
    /// <summary>One line of text: a name, an email address, a search term. No control characters at all.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.Text(field, maxLength, multiLine: false);

    /// <summary>Free text that may run over several lines (notes, messages): tabs and line breaks are allowed.</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.Text(field, maxLength, multiLine: true);

    /// <summary>
    /// A password or code: never shown, so only the length and well-formed characters matter; any printable Unicode,
    /// spaces included, stays allowed (NIST SP 800-63B).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Secret<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength) =>
        rule.Must(value => value is null || value.Length <= maxLength).WithMessage($"{field} must be at most {maxLength} characters.")
            .Must(value => value is null || FirstUnreadable(value, multiLine: false, allowFormat: true) is null)
            .WithMessage($"{field} contains a control character. Type it again without pasting.");

    private static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, string field, int maxLength, bool multiLine) =>
        rule.Must(value => value is null || value.Length <= maxLength).WithMessage($"{field} must be at most {maxLength} characters.")
            .Must(value => value is null || FirstUnreadable(value, multiLine, allowFormat: false) is null)
            .WithMessage((_, value) => Describe(field, FirstUnreadable(value!, multiLine, allowFormat: false)!.Value));

    private static string Describe(string field, Rune found) => Kind(found) switch
    {
        Unreadable.Control => $"{field} contains a control character (U+{found.Value:X4}). Type it again without pasting.",
        Unreadable.Broken => $"{field} contains a broken character. Type it again without pasting.",
        Unreadable.Direction => $"{field} contains an invisible character that reverses how text is shown (U+{found.Value:X4}). Remove it.",
        _ => $"{field} contains an invisible character (U+{found.Value:X4}). Remove it.",
    };

    /// <summary>The first character that is not allowed, or null. A lone surrogate comes back as U+FFFD.</summary>
    private static Rune? FirstUnreadable(string value, bool multiLine, bool allowFormat)
    {
        var index = 0;
        while (index < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                return Rune.ReplacementChar;
            index += consumed;
            var kind = Kind(rune);
            if (kind == Unreadable.None || (multiLine && rune.Value is '\n' or '\r' or '\t'))
                continue;
            if (allowFormat && kind is Unreadable.Direction or Unreadable.Invisible)
                continue;
            return rune;
        }

        return null;
    }

    private static Unreadable Kind(Rune rune) => rune.Value switch
    {
        0xFFFD => Unreadable.Broken,
        < 0x20 or (>= 0x7F and <= 0x9F) => Unreadable.Control,
        // Embeddings, overrides and isolates reorder what a reader sees (Trojan Source, CVE-2021-42574).
        (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) => Unreadable.Direction,
        // Invisible characters that can hide text or make two different values look the same. Zero-width
        // joiners and non-joiners (U+200C, U+200D) stay allowed: Urdu, Persian and emoji sequences need them.
        0x00AD or 0x180E or 0x200B or 0x2028 or 0x2029 or (>= 0x2060 and <= 0x2064) or (>= 0x206A and <= 0x206F)
            or 0xFEFF or (>= 0xFFF9 and <= 0xFFFB) or 0xFFFE or 0xFFFF or (>= 0xE0000 and <= 0xE007F) => Unreadable.Invisible,
        _ => Unreadable.None,
    };

    private enum Unreadable
    {
        None,
        Control,
        Broken,
        Direction,
        Invisible,
    }
}

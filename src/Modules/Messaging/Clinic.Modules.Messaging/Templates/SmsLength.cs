namespace Clinic.Modules.Messaging.Templates;

/// <summary>
/// How long a text is as SMS: GSM-7 when every character is in the GSM 03.38 alphabet (160 per single message, 153 per
/// part of a longer one; extension-table characters take two), otherwise UCS-2 (70, or 67 per part). Urdu is UCS-2.
/// </summary>
internal sealed record SmsLength(string Encoding, int Characters, int Segments, int PerSegment)
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Characters sent as an escape and one more septet.</summary>
    private const string Extension = "\f^{}\\[~]|€";

    public static SmsLength Of(string text)
    {
        if (text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal)))
            return Count("GSM-7", 160, 153, text.Select(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1));

        // UTF-16 code units; a surrogate pair (an emoji) is one unit of two.
        var widths = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            widths.Add(pair ? 2 : 1);
            i += pair ? 1 : 0;
        }

        return Count("UCS-2", 70, 67, widths);
    }

    /// <summary>Fills parts in order; a character of width two is never split, so a part may hold one fewer.</summary>
    private static SmsLength Count(string encoding, int single, int part, IEnumerable<int> widths)
    {
        var all = widths.ToList();
        var total = all.Sum();
        if (total <= single)
            return new SmsLength(encoding, total, total == 0 ? 0 : 1, single);

        var (segments, used) = (1, 0);
        foreach (var width in all)
        {
            if (used + width > part)
                (segments, used) = (segments + 1, 0);
            used += width;
        }

        return new SmsLength(encoding, total, segments, part);
    }

    public string Describe() =>
        Segments <= 1
            ? $"{Characters} characters · {Segments} SMS ({Encoding}, up to {PerSegment})"
            : $"{Characters} characters · {Segments} SMS segments ({Encoding}, {PerSegment} per part)";
}

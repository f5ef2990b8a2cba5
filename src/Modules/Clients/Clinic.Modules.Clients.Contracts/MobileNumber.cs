using PhoneNumbers;

namespace Clinic.Modules.Clients.Contracts;

/// <summary>
/// A mobile number in E.164 (<c>+923001234567</c>), checked against its country's numbering plan by libphonenumber.
/// Without a country prefix the number is read as Pakistani (<c>0300 1234567</c>), the clinic's country.
/// </summary>
public readonly record struct MobileNumber
{
    // The clinic's country; there is no setting for it yet, so every clinic is in Pakistan.
    private const string DefaultRegion = "PK";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private MobileNumber(string value) => Value = value;

    /// <summary>The number in E.164, e.g. <c>+923001234567</c>.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>
    /// Reads a number as people write it: spaces, dashes, dots and brackets are ignored, and 00 stands for +.
    /// Landlines, extensions and numbers no country has issued are refused.
    /// </summary>
    public static bool TryParse(string? input, out MobileNumber number)
    {
        // The North American plan gives landlines and mobiles the same ranges, so FIXED_LINE_OR_MOBILE has to pass.
        number = TryRead(input, type => type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE) is { } e164
            ? new MobileNumber(e164)
            : default;
        return number.Value is not null;
    }

    /// <summary>
    /// A phone people call rather than text, such as a clinic's reception line: a landline is as good as a mobile.
    /// Gives the number in E.164, or null when no country has issued it.
    /// </summary>
    public static string? TryParseAnyLine(string? input) => TryRead(input, _ => true);

    private static string? TryRead(string? input, Func<PhoneNumberType, bool> acceptable)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32 || !WrittenAsANumber(input.Trim()))
            return null;

        PhoneNumber parsed;
        try
        {
            parsed = Numbers.Parse(input, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return null;
        }

        if (parsed.HasExtension || !Numbers.IsValidNumber(parsed) || !acceptable(Numbers.GetNumberType(parsed)))
            return null;
        return Numbers.Format(parsed, PhoneNumberFormat.E164);
    }

    // libphonenumber forgives a lot: words around the number, letters as on a keypad (0300-CALLNOW), stray pluses.
    // A mobile that will receive a client's reminders is typed as digits, so anything else is a typo worth a question.
    private static bool WrittenAsANumber(string text)
    {
        var rest = text.StartsWith('+') ? text.AsSpan(1) : text.AsSpan();
        foreach (var c in rest)
        {
            if (!char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')'))
                return false;
        }

        return true;
    }
}

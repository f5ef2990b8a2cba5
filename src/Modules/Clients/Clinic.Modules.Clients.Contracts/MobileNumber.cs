namespace Clinic.Modules.Clients.Contracts;

/// <summary>
/// A mobile number in E.164 (<c>+923001234567</c>). Without a country prefix the number is read as Pakistani
/// (<c>0300 1234567</c>). libphonenumber cannot be restored here, so Pakistani mobiles are checked by their shape
/// and other countries only by length (8 to 15 digits).
/// </summary>
public readonly record struct MobileNumber
{
    private const string Pakistan = "92";

    private MobileNumber(string value) => Value = value;

    /// <summary>The number in E.164, e.g. <c>+923001234567</c>.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Reads a number as people write it: spaces, dashes and brackets are ignored, and 00 stands for +.</summary>
    public static bool TryParse(string? input, out MobileNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
            return false;

        var text = input.Trim();
        var international = text.StartsWith('+');
        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in international ? text.AsSpan(1) : text.AsSpan())
        {
            if (char.IsAsciiDigit(c))
                digits.Append(c);
            else if (c is not (' ' or '-' or '(' or ')'))
                return false;
        }

        var national = digits.ToString();
        if (!international && national.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            national = national[2..];
        }

        string? e164;
        if (!international)
            e164 = national.StartsWith('0') ? PakistaniMobile(national[1..]) : null;
        else if (national.StartsWith(Pakistan, StringComparison.Ordinal))
            e164 = PakistaniMobile(national[Pakistan.Length..]);
        else
            e164 = national.Length is >= 8 and <= 15 && national[0] != '0' ? "+" + national : null;

        if (e164 is null)
            return false;
        number = new MobileNumber(e164);
        return true;
    }

    // A Pakistani mobile is 3 and nine more digits; the trunk 0 some people keep after +92 is forgiven.
    private static string? PakistaniMobile(string subscriber)
    {
        if (subscriber.StartsWith('0'))
            subscriber = subscriber[1..];
        return subscriber.Length == 10 && subscriber[0] == '3' ? "+" + Pakistan + subscriber : null;
    }
}

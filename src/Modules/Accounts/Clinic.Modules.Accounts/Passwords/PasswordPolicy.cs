using System.Reflection;

namespace Clinic.Modules.Accounts.Passwords;

/// <summary>
/// What a new password must be (NIST SP 800-63B, OWASP ASVS level 2): 12 to 256 characters, any characters at all,
/// no composition rules, not on the list of common passwords that ships with Clinic, not too repetitive, and not the
/// person's email address. Owner setup, bootstrap and password changes all ask this one policy.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    // Fewer distinct characters than this ("aaaaaaaaaaaa", "abababababab") is a pattern, not a password.
    private const int MinimumDistinctCharacters = 5;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Why the password is refused, as a sentence for the person choosing it; null when it is acceptable.</summary>
    public static string? Problem(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
            return "Choose a password.";
        if (password.Length < MinimumLength)
            return $"Use at least {MinimumLength} characters.";
        if (password.Length > MaximumLength)
            return $"Use at most {MaximumLength} characters.";
        if (Common.Value.Contains(password.Trim()))
            return "This password is too common: attackers try it first. Choose another, such as a short sentence only you would write.";
        if (password.Distinct().Count() < MinimumDistinctCharacters)
            return "This password repeats too few characters to be safe. Choose another, such as a short sentence.";
        if (email is { Length: > 0 } && password.Contains(email.Trim(), StringComparison.OrdinalIgnoreCase))
            return "Do not use your email address in your password.";
        return null;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Passwords/common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list Passwords/common-passwords.txt is missing from the Accounts module.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                set.Add(line.Trim());
        }

        return set;
    }
}

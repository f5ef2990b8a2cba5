using System.Text;
using System.Text.RegularExpressions;
using Clinic.Modules.Accounts.Contracts;
using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Privacy.Policies;

/// <summary>
/// The values a policy may use, filled in as it is shown, so the policy names the clinic and the providers it has
/// configured today rather than when the text was written.
/// </summary>
internal static partial class PolicyPlaceholders
{
    public const string ClinicName = "clinic.name";
    public const string ServiceProviders = "service.providers";
    public const string ClinicContact = "clinic.contact";

    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (ClinicName, "The clinic's name"),
        (ClinicContact, "The clinic's address, phone and email from its profile, as a list"),
        (ServiceProviders, "A list of the companies that carry the clinic's messages, from the channels set up now"),
    ];

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z._]+)\s*\}\}", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();

    /// <summary>The first placeholder the text uses that does not exist, or null.</summary>
    public static string? Unknown(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups["name"].Value).FirstOrDefault(name => All.All(p => p.Name != name));

    public static string Fill(string text, ClinicProfile clinic, IReadOnlyList<DataProcessor> processors) =>
        Placeholder().Replace(text, match => match.Groups["name"].Value switch
        {
            ClinicName => Escape(clinic.Name),
            ClinicContact => Contact(clinic),
            ServiceProviders => List(processors),
            _ => match.Value,
        });

    private static string Contact(ClinicProfile clinic)
    {
        var lines = new List<string>();
        if (clinic.Address is not null)
            lines.Add("- Address: " + Escape(string.Join(", ", clinic.Address.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))));
        if (clinic.Phone is not null)
            lines.Add("- Phone: " + Escape(clinic.Phone));
        if (clinic.Email is not null)
            lines.Add("- Email: " + Escape(clinic.Email));
        return lines.Count == 0 ? "Ask at the clinic's reception." : string.Join('\n', lines);
    }

    private static string List(IReadOnlyList<DataProcessor> processors)
    {
        if (processors.Count == 0)
            return "- None at present: our messages are kept in our own system and not sent through any outside company.";

        var list = new StringBuilder();
        foreach (var processor in processors)
            list.Append("- **").Append(Escape(processor.Name)).Append("**, which ").Append(Escape(processor.Purpose)).Append('.').Append('\n');
        return list.ToString().TrimEnd('\n');
    }

    /// <summary>A name is text, not Markdown: every punctuation mark is escaped so it cannot become a link or emphasis.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || c > 127)
                escaped.Append(c);
            else
                escaped.Append('\\').Append(c);
        }

        return escaped.ToString();
    }
}

using System.Diagnostics.CodeAnalysis;
using Clinic.BuildingBlocks.Web;

namespace Clinic.Modules.Cookies.Consent;

/// <summary>The categories a visitor can agree to, and how they are written in forms, the cookie and the log.</summary>
internal static class ConsentCategories
{
    public static readonly IReadOnlyList<CookieCategory> Optional = [CookieCategory.Preferences, CookieCategory.Analytics, CookieCategory.ThirdParty];

    /// <summary>Off by default under Global Privacy Control: they observe the visitor or share with others.</summary>
    public static readonly IReadOnlyList<CookieCategory> Tracking = [CookieCategory.Analytics, CookieCategory.ThirdParty];

    public static string Slug(CookieCategory category) => category switch
    {
        CookieCategory.Preferences => "preferences",
        CookieCategory.Analytics => "analytics",
        CookieCategory.ThirdParty => "third-party",
        _ => "necessary",
    };

    public static string Label(CookieCategory category) => category switch
    {
        CookieCategory.StrictlyNecessary => "Strictly necessary",
        CookieCategory.Preferences => "Preferences",
        CookieCategory.Analytics => "Analytics",
        _ => "Third-party",
    };

    public static string Explanation(CookieCategory category) => category switch
    {
        CookieCategory.StrictlyNecessary => "Always on: they keep you signed in, protect forms and remember this choice, so the site cannot work without them.",
        CookieCategory.Preferences => "Remember choices you make, such as the calendar's day or week view.",
        CookieCategory.Analytics => "Count visits to each page, without identifying you, so the clinic can improve the site.",
        _ => "Let other companies' features work on the page, such as WhatsApp's chat window from Meta.",
    };

    public static bool TryParseSlug(string? slug, out CookieCategory category)
    {
        foreach (var candidate in Optional)
        {
            if (string.Equals(Slug(candidate), slug, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }

    /// <summary>The categories as a comma-separated list in a fixed order; empty for none.</summary>
    public static string Format(IEnumerable<CookieCategory> categories) =>
        string.Join(',', Optional.Where(categories.Contains).Select(Slug));

    /// <summary>Reads <see cref="Format"/>'s output strictly: an unknown or repeated name fails.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IReadOnlySet<CookieCategory>? categories)
    {
        var found = new HashSet<CookieCategory>();
        categories = null;
        if (text.Length > 0)
        {
            foreach (var slug in text.Split(','))
            {
                if (!TryParseSlug(slug, out var category) || !found.Add(category))
                    return false;
            }
        }

        categories = found;
        return true;
    }
}

namespace Clinic.Modules.Cookies.Features.CountPageView;

/// <summary>
/// The pages analytics counts: the clinic's public site, listed by path. Anything else is never counted, so pages
/// that belong to a person or carry a token in the path (the portal, sign-in, booking and unsubscribe links, staff
/// pages) cannot end up in the counts, even when a module adds one without thinking of analytics.
/// </summary>
internal static class PublicPages
{
    private static readonly HashSet<string> Counted = new(StringComparer.Ordinal)
    {
        "/", "/about", "/services", "/book", "/book/waitlist", "/consultation", "/consultation/sent", "/privacy",
        "/privacy/history", "/cookies", "/cookies/settings",
    };

    /// <summary>Whether a path, as <see cref="CountPageView.PathOf"/> gives it, is counted.</summary>
    public static bool Counts(string path) => Counted.Contains(path);
}

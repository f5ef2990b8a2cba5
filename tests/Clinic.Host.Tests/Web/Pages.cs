using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Clinic.Host.Tests.Web;

/// <summary>What a person reads on a rendered page: the menu, a field's error, where a redirect goes.</summary>
internal static class Pages
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> PageAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static IReadOnlyList<string> NavigationLinks(this IHtmlDocument page) =>
        [.. page.QuerySelectorAll("nav.sidebar a").Select(a => a.TextContent.Trim())];

    /// <summary>
    /// The error message next to an input: the field error its aria-describedby points at (else the one in its field),
    /// or null when there is none, since an error element is rendered empty until it has a message.
    /// </summary>
    public static string? FieldError(this IHtmlDocument page, string inputId)
    {
        var input = page.GetElementById(inputId);
        var error = (input?.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(page.GetElementById).FirstOrDefault(e => e?.ClassList.Contains("field-error") == true)
            ?? input?.Closest(".field")?.QuerySelector(".field-error");
        var message = error?.TextContent.Trim();
        return string.IsNullOrEmpty(message) ? null : message;
    }

    public static bool SetsCookie(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(name + "=", StringComparison.Ordinal) && !c.StartsWith(name + "=;", StringComparison.Ordinal));

    public static bool IsRedirect(this HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect;

    /// <summary>Where a browser at http://localhost would land after the redirect.</summary>
    public static Uri RedirectTarget(this HttpResponseMessage response) =>
        new(new Uri("http://localhost/"), response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} has no Location."));
}

using AngleSharp.Html.Dom;
using Clinic.Testing;

namespace Clinic.Host.Tests.Cookies;

/// <summary>The cookie banner's form, posted the way a browser without scripts posts it.</summary>
internal static class ConsentForms
{
    public const string Form = "form.cookie-consent-form";

    public static async Task<HttpResponseMessage> ChooseAsync(this ClinicClient browser, string choice, params string[] categories) =>
        await browser.ChooseOnAsync("/cookies/settings", choice, categories);

    /// <summary>Opens <paramref name="page"/>, takes its banner form's hidden fields and posts the choice.</summary>
    public static async Task<HttpResponseMessage> ChooseOnAsync(this ClinicClient browser, string page, string choice, string[] categories, Action<HttpRequestMessage>? adjust = null)
    {
        var (_, document) = await browser.GetPageAsync(page);
        var form = document.QuerySelector(Form) as IHtmlFormElement ?? throw new InvalidOperationException($"No consent form on {page}.");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Append(new("choice", choice))
            .Concat(categories.Select(c => new KeyValuePair<string, string>("categories", c)))
            .ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.UserAgent.ParseAdd("ConsentTest/1.0");
        adjust?.Invoke(request);
        return await browser.Http.SendAsync(request);
    }

    /// <summary>The Set-Cookie headers of a response, by cookie name.</summary>
    public static ILookup<string, string> SetCookies(this HttpResponseMessage response) =>
        (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .ToLookup(v => v.Split('=', 2)[0], StringComparer.Ordinal);

    public static bool Expires(this HttpResponseMessage response, string cookie) =>
        response.SetCookies()[cookie].Any(v => v.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
}

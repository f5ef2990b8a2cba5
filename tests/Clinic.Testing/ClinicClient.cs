using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Clinic.Testing;

/// <summary>Drives Clinic's server-rendered forms the way a browser without JavaScript would.</summary>
public sealed class ClinicClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await Http.SendAsync(request);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Fills the page's form (hidden fields and antiforgery token included) and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> fields, string formSelector = "form.form")
    {
        var (_, page) = await GetPageAsync(path);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {path}.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
            values[name] = value;

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("text/html");
        return await Http.SendAsync(request);
    }

    public async Task SignInAsync(string email = ClinicApp.OwnerEmail, string password = ClinicApp.OwnerPassword)
    {
        var response = await SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
    }

    public void Dispose() => Http.Dispose();
}

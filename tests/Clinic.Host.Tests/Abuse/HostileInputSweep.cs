using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Clinic.Testing;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Posts hostile values to one route as one visitor. A page is opened first and each of its forms that posts back to
/// it is taken as a browser would send it; then each field in turn is set to a word (not a number, an enum name or an
/// id) and to nothing, an indexed field gets an index far out of range, and the whole body is spoilt: a null
/// character, a value over 64 KB, a multipart body cut short, no antiforgery token, every field a bogus id, broken
/// JSON, no body. A route that shows this visitor no form gets the fields of its IDOR case, or a stray one. A page's
/// query parameters are each sent a word and nothing.
/// </summary>
internal sealed partial class HostileInputSweep
{
    private const string Token = "__RequestVerificationToken";
    private const string Handler = "_handler";
    private static readonly string OverLong = new('7', 65 * 1024);

    public Result Outcome { get; } = new();

    public async Task PostAsync(ClinicClient visitor, string route, string path)
    {
        var (opened, page) = await visitor.GetPageAsync(path);
        Outcome.Check($"GET {path}", opened);
        var forms = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase) && PostsTo(f, path))
            .Select(Fields)
            .ToList();
        Outcome.RoutesPosted.Add(route);
        Outcome.FormsSwept += forms.Count;
        if (forms.Count == 0)
            forms.Add(Unrendered(route));
        foreach (var (sent, names) in forms)
        {
            foreach (var (label, content) in Variations(sent, names))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
                request.Headers.Accept.ParseAdd("text/html");
                using var response = await visitor.Http.SendAsync(request);
                Outcome.Posts++;
                Outcome.Check($"POST {path} with {label}", response);
            }
        }
    }

    /// <summary>Opens a page with each query parameter it declares set to a word and to nothing.</summary>
    public async Task QueryAsync(ClinicClient visitor, string path, IEnumerable<string> parameters)
    {
        foreach (var parameter in parameters)
        {
            foreach (var value in new[] { "x", "", "%20" })
            {
                var (response, _) = await visitor.GetPageAsync($"{path}?{Uri.EscapeDataString(parameter)}={value}");
                Outcome.QueriesSent.Add(parameter);
                Outcome.Check($"GET {path}?{parameter}={value}", response);
            }
        }
    }

    private IEnumerable<(string Label, HttpContent Content)> Variations(IReadOnlyList<KeyValuePair<string, string>> sent, IReadOnlyList<string> names)
    {
        var fields = names.Where(n => n is not Token and not Handler).ToList();
        foreach (var name in fields)
        {
            Outcome.FieldsPosted.Add(name);
            yield return ($"{name}=x", Form(With(sent, name, "x")));
            yield return ($"{name} empty", Form(With(sent, name, "")));
            if (Index().IsMatch(name))
            {
                var outOfRange = Index().Replace(name, "[99]", 1);
                Outcome.FieldsPosted.Add(outOfRange);
                yield return ($"{outOfRange}=x", Form([.. sent, new(outOfRange, "x")]));
            }
        }

        var first = fields.FirstOrDefault() ?? "x";
        yield return ($"{first} holding a null character", Form(With(sent, first, "Ayesha\0Khan")));
        yield return ($"{first} of 65 KB", Form(With(sent, first, OverLong)));
        yield return ("a multipart body cut short", CutShort(sent));
        yield return ("no antiforgery token", Form(sent.Where(f => f.Key != Token)));
        if (fields.Count > 0)
            yield return ("every field a bogus id", Form(fields.Aggregate(sent, (all, name) => With(all, name, "00000000-0000-0000-0000-000000000000"))));
        yield return ("broken JSON", new StringContent("{\"type\": \"email.delivered\", \"data\": {", Encoding.UTF8, "application/json"));
        yield return ("no body", new ByteArrayContent([]));
    }

    /// <summary>What a browser would send for the form as rendered, and the name of every control it has.</summary>
    private static (IReadOnlyList<KeyValuePair<string, string>> Sent, IReadOnlyList<string> Names) Fields(IHtmlFormElement form)
    {
        var sent = new List<KeyValuePair<string, string>>();
        var names = new List<string>();
        foreach (var control in form.Elements)
        {
            if (control.GetAttribute("name") is not { Length: > 0 } name)
                continue;
            if (!names.Contains(name, StringComparer.Ordinal))
                names.Add(name);
            var value = control switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio" } check => check.IsChecked ? check.Value : null,
                IHtmlInputElement { Type: "submit" or "button" or "reset" or "image" or "file" } => null,
                IHtmlInputElement input => input.Value,
                IHtmlSelectElement select => select.Value ?? "",
                IHtmlTextAreaElement text => text.Value,
                _ => null,
            };
            if (value is not null)
                sent.Add(new(name, value));
        }

        return (sent, names);
    }

    /// <summary>The form a page would post when this visitor is shown none (an unknown link), or a stray field for an endpoint.</summary>
    private static (IReadOnlyList<KeyValuePair<string, string>> Sent, IReadOnlyList<string> Names) Unrendered(string route)
    {
        List<KeyValuePair<string, string>> sent = IdorCases.All.FirstOrDefault(c => c.Route == route)?.Form is { } form
            ? [new(Handler, form.Name), .. form.Fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]
            : [new("x", "x")];
        return (sent, [.. sent.Select(f => f.Key).Distinct(StringComparer.Ordinal)]);
    }

    private static bool PostsTo(IHtmlFormElement form, string path) =>
        form.GetAttribute("action") is not { Length: > 0 } action
        || new Uri(new Uri("http://clinic.test" + path), action).AbsolutePath == new Uri("http://clinic.test" + path).AbsolutePath;

    private static List<KeyValuePair<string, string>> With(IEnumerable<KeyValuePair<string, string>> sent, string name, string value) =>
        [.. sent.Where(f => f.Key != name), new(name, value)];

    private static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, string>> fields) => new(fields);

    /// <summary>The fields as multipart form data, stopped half-way through a last part whose closing boundary never comes.</summary>
    private static StringContent CutShort(IReadOnlyList<KeyValuePair<string, string>> sent)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in sent)
            body.Append("--sweep\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        body.Append("--sweep\r\nContent-Disposition: form-data; name=\"cut\"\r\n\r\nhalf a va");
        var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=sweep");
        return content;
    }

    [GeneratedRegex(@"\[\d+\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Index();

    /// <summary>What the sweep posted, and every answer that was a server error.</summary>
    internal sealed class Result
    {
        public List<string> Failures { get; } = [];

        public HashSet<string> RoutesPosted { get; } = new(StringComparer.Ordinal);

        public HashSet<string> FieldsPosted { get; } = new(StringComparer.Ordinal);

        public HashSet<string> QueriesSent { get; } = new(StringComparer.Ordinal);

        public int FormsSwept { get; set; }

        public int Posts { get; set; }

        /// <summary>Routes after whose sweep a visitor was no longer signed in: a hostile post must never sign anyone out.</summary>
        public List<string> SessionsLost { get; } = [];

        public void Check(string request, HttpResponseMessage response)
        {
            if ((int)response.StatusCode >= 500)
                Failures.Add($"{request[..Math.Min(request.Length, 160)]} -> {(int)response.StatusCode}");
        }
    }
}

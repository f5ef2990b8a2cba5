using System.Globalization;
using AngleSharp.Html.Dom;
using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>A visitor on the public website, posting the booking forms the way a browser without scripts would.</summary>
internal static class OnlineVisitor
{
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string DayPath(Guid service, Guid? provider, DateOnly day) =>
        $"/book?service={service}&provider={provider?.ToString() ?? "any"}&date={day:yyyy-MM-dd}";

    /// <summary>The values of a form's hidden fields (the antiforgery token and handler name among them).</summary>
    public static async Task<Dictionary<string, string>> FormAsync(this ClinicClient browser, string path, string selector)
    {
        var (_, page) = await browser.GetPageAsync(path);
        var form = page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{selector}' on {path}.");
        return form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this ClinicClient browser, string path, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await browser.Http.SendAsync(request);
    }

    /// <summary>Presses the slot's button on the day's page.</summary>
    public static async Task<HttpResponseMessage> HoldAsync(this ClinicClient browser, Guid service, Guid? provider, DateOnly day, DateTimeOffset start)
    {
        var path = DayPath(service, provider, day);
        var fields = await browser.FormAsync(path, "form.slots");
        fields["Input.StartsAt"] = Instant(start);
        return await browser.PostFormAsync(path, fields);
    }

    /// <summary>The path of the held slot's page, from the redirect after holding it.</summary>
    public static string HoldPath(this HttpResponseMessage held) =>
        held.IsRedirect() ? held.RedirectTarget().AbsolutePath : throw new InvalidOperationException($"Holding answered {(int)held.StatusCode}.");

    public static Dictionary<string, string> Contact(string last, string mobile, string email) => new(StringComparer.Ordinal)
    {
        ["Input.FirstName"] = "Hina",
        ["Input.LastName"] = last,
        ["Input.Mobile"] = mobile,
        ["Input.Email"] = email,
        ["Input.Notes"] = "First visit",
        ["Input.AgreesToPolicy"] = "on",
    };

    public static async Task<HttpResponseMessage> BookAsync(this ClinicClient browser, string holdPath, Dictionary<string, string> contact)
    {
        var fields = await browser.FormAsync(holdPath, "form.hold-contact");
        foreach (var (name, value) in contact)
            fields[name] = value;
        return await browser.PostFormAsync(holdPath, fields);
    }

    /// <summary>A mobile number no other test uses.</summary>
    public static string NewMobile() => $"0300{Random.Shared.Next(0, 9_999_999):D7}";
}

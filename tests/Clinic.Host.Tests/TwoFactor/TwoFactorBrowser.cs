using System.Net;
using AngleSharp.Html.Dom;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.TwoFactor;
using Clinic.Testing;

namespace Clinic.Host.Tests.TwoFactor;

/// <summary>Two-factor set-up and sign-in as a browser without JavaScript does them, and an authenticator app in the test.</summary>
internal static class TwoFactorBrowser
{
    public const string EnrolPath = "/account/two-factor";
    public const string CodePath = "/sign-in/two-factor";

    /// <summary>Posts one form of an already fetched page, so the key the page showed is the one its form carries.</summary>
    public static async Task<HttpResponseMessage> PostAsync(this ClinicClient browser, IHtmlDocument page, string path, string formSelector, IReadOnlyDictionary<string, string> fields)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{formSelector}' on {path}.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
            values[name] = value;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("text/html");
        return await browser.Http.SendAsync(request);
    }

    /// <summary>The key shown on the enrolment page, read as an authenticator app would from the text.</summary>
    public static byte[] KeyShown(IHtmlDocument page) =>
        Base32.Decode(page.GetElementById("two-factor-key")?.TextContent ?? throw new InvalidOperationException("No key on the page."))!;

    /// <summary>The authenticator's code at the app's now (<paramref name="clock"/>), or a step or more after it.</summary>
    public static string CodeNow(TimeProvider clock, byte[] key, int stepsAhead = 0) => Totp.Code(key, Totp.StepAt(clock.GetUtcNow()) + stepsAhead);

    /// <summary>Six digits that match no step the server could accept now, so a "wrong code" is never right by chance.</summary>
    public static string WrongCode(TimeProvider clock, byte[] key, int seed = 0)
    {
        var valid = Enumerable.Range(-2, 5).Select(offset => CodeNow(clock, key, offset)).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(seed, 10).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !valid.Contains(code));
    }

    /// <summary>Enrols a signed-in browser and returns the key and the recovery codes shown.</summary>
    public static async Task<(byte[] Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(this ClinicClient browser, TimeProvider clock)
    {
        var (_, page) = await browser.GetPageAsync(EnrolPath);
        var key = KeyShown(page);
        var response = await browser.PostAsync(page, EnrolPath, "#enable-two-factor", Fields("EnableInput.Code", CodeNow(clock, key)));
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Enrolment answered {(int)response.StatusCode}.");
        var codes = (await response.PageAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        return (key, codes);
    }

    /// <summary>A new reception member with two-factor on; the browser that enrolled is left signed in.</summary>
    public static async Task<(string Email, byte[] Key, IReadOnlyList<string> RecoveryCodes)> EnrolledStaffAsync(this ClinicApp app)
    {
        var email = await app.NewStaffAsync();
        using var browser = app.Browser();
        await browser.SignInAsync(email, SignInAttempts.Password);
        var (key, codes) = await browser.EnrolAsync(app.Clock);
        return (email, key, codes);
    }

    /// <summary>The password step; two-factor members are then asked for their code.</summary>
    public static Task<HttpResponseMessage> PasswordAsync(this ClinicClient browser, string email, string password = SignInAttempts.Password) =>
        browser.SubmitAsync("/sign-in", Fields("Input.Email", email, "Input.Password", password));

    public static Task<HttpResponseMessage> CodeAsync(this ClinicClient browser, string code) =>
        browser.SubmitAsync(CodePath, Fields("Input.Code", code));

    public static Dictionary<string, string> Fields(params string[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[(2 * i) + 1], StringComparer.Ordinal);
}

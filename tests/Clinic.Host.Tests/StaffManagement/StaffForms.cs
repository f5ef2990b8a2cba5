using AngleSharp.Html.Dom;
using Clinic.Testing;

namespace Clinic.Host.Tests.StaffManagement;

/// <summary>Posting staff forms the way a browser would, or the way a forger would.</summary>
internal static class StaffForms
{
    public const string InviteForm = "form.invite-staff";

    public static Task<HttpResponseMessage> InviteAsync(this ClinicClient owner, string name, string email, string role) =>
        owner.SubmitAsync("/staff", Fields(("Input.Name", name), ("Input.Email", email), ("Input.Role", role)), InviteForm);

    public static Task<HttpResponseMessage> ChangeRoleAsync(this ClinicClient owner, Guid staffId, string role) =>
        owner.SubmitAsync($"/staff/{staffId}/role", Fields(("Input.Role", role)));

    public static Task<HttpResponseMessage> DeactivateAsync(this ClinicClient owner, Guid staffId) =>
        owner.SubmitAsync($"/staff/{staffId}/deactivate", Fields());

    public static Task<HttpResponseMessage> ResetTwoFactorAsync(this ClinicClient owner, Guid staffId) =>
        owner.SubmitAsync($"/staff/{staffId}/reset-two-factor", Fields());

    /// <summary>The antiforgery token of a form on a page this browser may open.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this ClinicClient browser, string path)
    {
        var (_, page) = await browser.GetPageAsync(path);
        return (page.QuerySelector("input[name='__RequestVerificationToken']") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    /// <summary>Posts fields straight to a path, without first opening the form there.</summary>
    public static async Task<HttpResponseMessage> PostAsync(this ClinicClient browser, string path, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await browser.Http.SendAsync(request);
    }

    public static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}

using Clinic.Testing;

namespace Clinic.Host.Tests.Clients;

/// <summary>Posting the client forms the way a browser would.</summary>
internal static class ClientForms
{
    public static Task<HttpResponseMessage> AddClientAsync(this ClinicClient browser, IReadOnlyDictionary<string, string> fields) =>
        browser.SubmitAsync("/clients/new", fields, "form.add-client");

    public static Task<HttpResponseMessage> EditClientAsync(this ClinicClient browser, Guid id, IReadOnlyDictionary<string, string> fields) =>
        browser.SubmitAsync($"/clients/{id}/edit", fields, "form.edit-client");

    public static Task<HttpResponseMessage> ChangeConsentAsync(this ClinicClient browser, Guid id, string channel, string granted, string source) =>
        browser.SubmitAsync(
            $"/clients/{id}/consents",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Channel"] = channel, ["Input.Granted"] = granted, ["Input.Source"] = source },
            "form.change-consent");
}

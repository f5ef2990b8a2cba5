using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>
/// The Clients forms on the form page: a successful post redirects without loading what the form shows (each load
/// is an audited view, so the trail tells), a refused one answers with its status and the field's message beside
/// the field, and every field points at the error element it describes.
/// </summary>
public abstract class ClientFormPageTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_consent_change_that_succeeds_redirects_without_reading_the_history_again()
    {
        var id = await App.AddClientAsync("Hira", $"Shah-{Guid.NewGuid():N}", null);
        using var reception = await StaffAsync();
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        HttpResponseMessage response = null!;

        var recorded = await App.RecordedDuringAsync(async () => response = await PostConsentAsync(reception, id, token, "sms"));

        Assert.True(response.IsRedirect(), $"answered {(int)response.StatusCode}");
        Assert.Equal($"/clients/{id}/consents", response.RedirectTarget().AbsolutePath);
        Assert.Equal(["clients.consent_changed"], recorded.Select(e => e.Action));
    }

    [Fact]
    public async Task A_refused_consent_change_answers_400_beside_the_field_stores_nothing_and_shows_the_history()
    {
        var id = await App.AddClientAsync("Hira", $"Shah-{Guid.NewGuid():N}", null);
        using var reception = await StaffAsync();
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        HttpResponseMessage response = null!;

        var recorded = await App.RecordedDuringAsync(async () => response = await PostConsentAsync(reception, id, token, "pager"));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Choose email, SMS or WhatsApp.", page.FieldError("channel"));
        Assert.Equal("true", page.GetElementById("channel")?.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector("table.consents-now"));
        Assert.Equal(["clients.viewed"], recorded.Select(e => e.Action));
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @id", new { id })));
    }

    [Fact]
    public async Task An_edit_that_breaks_a_rule_answers_400_naming_the_field_and_stores_nothing()
    {
        var id = await App.AddClientAsync("Hira", $"Shah-{Guid.NewGuid():N}", null);
        using var reception = await StaffAsync();
        var (_, form) = await reception.GetPageAsync($"/clients/{id}/edit");
        var fields = form.QuerySelectorAll("form.edit-client [name^='Input.']")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.GetAttribute("value") ?? e.TextContent, StringComparer.Ordinal);
        fields["Input.Phone"] = "12345";
        fields["Input.FirstName"] = "Changed";

        var response = await reception.EditClientAsync(id, fields);
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Mobile must be a mobile number", page.FieldError("phone"), StringComparison.Ordinal);
        Assert.Null(page.FieldError("first-name"));
        Assert.Equal("Hira", await App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT first_name FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", new { id })));
    }

    [Fact]
    public async Task Every_field_of_the_client_form_points_at_a_hint_or_error_that_is_on_the_page()
    {
        using var reception = await StaffAsync();

        var (_, page) = await reception.GetPageAsync("/clients/new");
        var controls = page.QuerySelectorAll("form.add-client input[name^='Input.'], form.add-client select, form.add-client textarea").ToList();

        Assert.Equal(18, controls.Count);
        Assert.All(controls, control =>
        {
            var described = control.GetAttribute("aria-describedby")?.Split(' ') ?? [];
            Assert.Contains($"{control.Id}-error", described);
            Assert.All(described, id => Assert.True(page.GetElementById(id) is not null, $"{control.Id} points at #{id}, which is not on the page"));
            Assert.Null(control.GetAttribute("aria-invalid"));
        });
    }

    private static Task<HttpResponseMessage> PostConsentAsync(ClinicClient browser, Guid id, string token, string channel) =>
        browser.PostAsync($"/clients/{id}/consents", StaffForms.Fields(
            ("_handler", "change-consent"), ("__RequestVerificationToken", token),
            ("Input.Channel", channel), ("Input.Granted", "yes"), ("Input.Source", "Phone call")));

    private async Task<ClinicClient> StaffAsync()
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }
}

public sealed class ClientFormPageTests_on_Sqlite(SqliteApp fixture) : ClientFormPageTests(fixture), IClassFixture<SqliteApp>;

public sealed class ClientFormPageTests_on_Postgres(PostgresApp fixture) : ClientFormPageTests(fixture), IClassFixture<PostgresApp>;

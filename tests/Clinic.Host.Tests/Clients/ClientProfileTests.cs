using System.Net;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>Reception adds clients through the form, and staff open a client's profile; both are audited.</summary>
public abstract class ClientProfileTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Reception_adds_a_client_whose_mobile_is_stored_in_E164_and_opens_their_profile_from_the_list()
    {
        using var reception = await StaffAsync(Roles.Reception);
        var last = NewLastName();
        HttpResponseMessage added = null!;

        var adding = await App.RecordedDuringAsync(async () => added = await reception.AddClientAsync(Adult(last,
            ("Input.PreferredName", "Ayu"), ("Input.Phone", "(0300) 123-4567"), ("Input.Email", "ayesha@example.com"),
            ("Input.Gender", "Female"), ("Input.Address", "12 Canal View\nLahore"),
            ("Input.EmergencyContactName", "Sara Malik"), ("Input.EmergencyContactRelationship", "Sister"), ("Input.EmergencyContactPhone", "+92 321 7654321"),
            ("Input.Tags", "VIP, prefers mornings, vip"), ("Input.Notes", "Likes the window room."))));
        var id = await ClientIdAsync(last);
        var (_, list) = await reception.GetPageAsync("/clients");
        Assert.NotNull(list.QuerySelector("a[href='/clients/new']"));
        var link = list.QuerySelectorAll("table.data a").Single(a => a.TextContent.Contains(last, StringComparison.Ordinal)).GetAttribute("href")!;
        HttpResponseMessage viewed = null!;
        IHtmlDocument profile = null!;
        var viewing = await App.RecordedDuringAsync(async () => (viewed, profile) = await reception.GetPageAsync(link));

        Assert.True(added.IsRedirect(), $"answered {(int)added.StatusCode}");
        Assert.Equal($"/clients/{id}", added.RedirectTarget().AbsolutePath);
        Assert.Equal($"/clients/{id}", link);
        Assert.Equal("+923001234567", await PhoneAsync(id));
        Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
        Assert.Equal($"Ayesha {last}", profile.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["VIP", "prefers mornings"], profile.QuerySelectorAll(".tag").Select(t => t.TextContent).Order(StringComparer.Ordinal));
        Assert.Equal("+923001234567", Field(profile, "Mobile"));
        Assert.Equal("Sara Malik (Sister) +923217654321", Field(profile, "Emergency contact"));
        Assert.Equal("Likes the window room.", Field(profile, "Notes"));
        Assert.Contains(adding, e => e.Action == "clients.added" && e.ClientId == id);
        Assert.Single(viewing, e => e.Action == "clients.viewed" && e.ClientId == id);
    }

    [Theory]
    [InlineData("Input.Phone", "12345", "phone")]
    [InlineData("Input.Phone", "", "phone")]
    [InlineData("Input.Phone", "042 35761234", "phone")]
    [InlineData("Input.FirstName", "", "first-name")]
    [InlineData("Input.FirstName", "Ay\u202Eesha", "first-name")]
    [InlineData("Input.Email", "not-an-email", "email")]
    [InlineData("Input.DateOfBirth", "1990-02-30", "date-of-birth")]
    [InlineData("Input.DateOfBirth", "2999-01-01", "date-of-birth")]
    [InlineData("Input.Gender", "Robot", "gender")]
    [InlineData("Input.EmergencyContactPhone", "call me", "emergency-phone")]
    [InlineData("Input.Notes", "bell\u0007", "notes")]
    public async Task A_bad_field_is_refused_with_400_naming_it_and_nothing_is_stored(string field, string value, string inputId)
    {
        using var reception = await StaffAsync(Roles.Reception);
        var last = NewLastName();
        var fields = Adult(last);
        fields[field] = value;

        var response = await reception.AddClientAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.PageAsync()).FieldError(inputId)), $"no error next to {inputId}");
        Assert.Equal(0, await CountAsync(last));
    }

    [Fact]
    public async Task A_client_under_18_needs_a_guardian_and_is_added_with_one()
    {
        using var reception = await StaffAsync(Roles.Reception);
        var last = NewLastName();
        var minor = Adult(last);
        minor["Input.DateOfBirth"] = App.Clock.GetUtcNow().AddYears(-17).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await reception.AddClientAsync(minor);
        var refusedPage = await refused.PageAsync();
        minor["Input.GuardianName"] = "Khalid Raza";
        minor["Input.GuardianRelationship"] = "Father";
        minor["Input.GuardianPhone"] = "0092 333 1112223";
        var added = await reception.AddClientAsync(minor);
        var (_, profile) = await reception.GetPageAsync(added.RedirectTarget().AbsolutePath);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("under 18", refusedPage.FieldError("guardian-name"), StringComparison.Ordinal);
        Assert.NotNull(refusedPage.FieldError("guardian-relationship"));
        Assert.NotNull(refusedPage.FieldError("guardian-phone"));
        Assert.True(added.IsRedirect(), $"answered {(int)added.StatusCode}");
        Assert.Equal(1, await CountAsync(last));
        Assert.Equal("Khalid Raza (Father) +923331112223", Field(profile, "Guardian"));
    }

    [Fact]
    public async Task A_clinician_may_open_a_profile_but_not_add_a_client()
    {
        var id = await AddDirectlyAsync(NewLastName());
        using var clinician = await StaffAsync(Roles.Clinician);
        var token = await clinician.AntiforgeryTokenAsync("/account/password");
        var last = NewLastName();
        var fields = Adult(last);
        fields["_handler"] = "add-client";
        fields["__RequestVerificationToken"] = token;

        var (form, _) = await clinician.GetPageAsync("/clients/new");
        var posted = await clinician.PostAsync("/clients/new", fields);
        var (profile, _) = await clinician.GetPageAsync($"/clients/{id}");
        var (_, list) = await clinician.GetPageAsync("/clients");

        Assert.True(form.StatusCode == HttpStatusCode.Forbidden || form.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)form.StatusCode}");
        Assert.True(posted.StatusCode == HttpStatusCode.Forbidden || posted.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)posted.StatusCode}");
        Assert.Equal(0, await CountAsync(last));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Null(list.QuerySelector("a[href='/clients/new']"));
    }

    [Fact]
    public async Task Reception_corrects_a_client_s_mobile_and_tags_and_the_change_is_audited()
    {
        using var reception = await StaffAsync(Roles.Reception);
        var last = NewLastName();
        var added = await reception.AddClientAsync(Adult(last, ("Input.Tags", "VIP")));
        var id = await ClientIdAsync(last);
        var (_, profile) = await reception.GetPageAsync($"/clients/{id}");
        var (_, form) = await reception.GetPageAsync($"/clients/{id}/edit");
        HttpResponseMessage saved = null!;

        var changing = await App.RecordedDuringAsync(async () => saved = await reception.EditClientAsync(id, Adult(last, ("Input.Phone", "0333 999-8887"), ("Input.Tags", "Bridal"))));
        var refused = await reception.EditClientAsync(id, Adult(last, ("Input.Phone", "123")));
        var (_, after) = await reception.GetPageAsync($"/clients/{id}");

        Assert.True(added.IsRedirect());
        Assert.Equal($"/clients/{id}/edit", profile.QuerySelector(".page-header a")?.GetAttribute("href"));
        Assert.Equal("+923001234567", (form.GetElementById("phone") as IHtmlInputElement)?.Value);
        Assert.Equal("1990-05-17", (form.GetElementById("date-of-birth") as IHtmlInputElement)?.Value);
        Assert.Equal("VIP", (form.GetElementById("tags") as IHtmlInputElement)?.Value);
        Assert.Equal($"/clients/{id}", saved.RedirectTarget().AbsolutePath);
        Assert.Contains(changing, e => e.Action == "clients.changed" && e.ClientId == id);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("+923339998887", await PhoneAsync(id));
        Assert.Equal(["Bridal"], after.QuerySelectorAll(".tag").Select(t => t.TextContent));
    }

    [Fact]
    public async Task Consent_changes_are_kept_as_history_and_the_newest_one_holds()
    {
        using var reception = await StaffAsync(Roles.Reception);
        var id = await AddDirectlyAsync(NewLastName());

        var granting = await App.RecordedDuringAsync(async () =>
            Assert.True((await reception.ChangeConsentAsync(id, "whatsapp", "yes", "In person")).IsRedirect()));
        var withdrawn = await reception.ChangeConsentAsync(id, "whatsapp", "no", "Phone call");
        var refused = await reception.ChangeConsentAsync(id, "pigeon", "yes", "In person");
        var (_, page) = await reception.GetPageAsync($"/clients/{id}/consents");

        Assert.True(withdrawn.IsRedirect());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.PageAsync()).FieldError("channel"));
        Assert.Contains(granting, e => e.Action == "clients.consent_changed" && e.ClientId == id);
        Assert.Equal("No", page.QuerySelector("tr[data-channel='whatsapp'] .granted")?.TextContent);
        Assert.Equal("Not asked", page.QuerySelector("tr[data-channel='sms'] .granted")?.TextContent);
        var history = page.QuerySelectorAll("ol.consent-history li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.EndsWith("WhatsApp no, Phone call", history[0], StringComparison.Ordinal);
        Assert.EndsWith("WhatsApp yes, In person", history[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_is_not_found_and_its_view_is_not_recorded()
    {
        using var reception = await StaffAsync(Roles.Reception);
        HttpResponseMessage response = null!;

        var recorded = await App.RecordedDuringAsync(async () => (response, _) = await reception.GetPageAsync($"/clients/{Guid.CreateVersion7()}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(recorded, e => e.Action == "clients.viewed");
    }

    private static string? Field(IHtmlDocument profile, string label) =>
        profile.QuerySelector($".profile-item[data-field='{label}'] dd")?.TextContent.Trim();

    private static Dictionary<string, string> Adult(string last, params (string Name, string Value)[] more)
    {
        var fields = StaffForms.Fields(
            ("Input.FirstName", "Ayesha"), ("Input.LastName", last), ("Input.Phone", "03001234567"), ("Input.DateOfBirth", "1990-05-17"));
        foreach (var (name, value) in more)
            fields[name] = value;
        return fields;
    }

    private static string NewLastName() => $"Khan-{Guid.NewGuid():N}";

    private async Task<ClinicClient> StaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }

    private Task<Guid> AddDirectlyAsync(string last) => Portal.PortalClients.AddClientAsync(App, "Hira", last, null);

    private Task<Guid> ClientIdAsync(string last) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last }));

    private Task<string?> PhoneAsync(Guid id) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<string>("SELECT phone FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", new { id }));

    private Task<long> CountAsync(string last) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last }));
}

public sealed class ClientProfileTests_on_Sqlite(SqliteApp fixture) : ClientProfileTests(fixture), IClassFixture<SqliteApp>;

public sealed class ClientProfileTests_on_Postgres(PostgresApp fixture) : ClientProfileTests(fixture), IClassFixture<PostgresApp>;

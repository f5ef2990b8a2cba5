using System.Net;
using System.Text;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Text that hides or disguises itself gets a 400 naming the field and is not stored; markup and SQL are ordinary
/// text, stored verbatim and shown escaped.
/// </summary>
public abstract class BadInputTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    /// <summary>Names as they travel in a form body (percent-encoded), and the start of the message shown next to the field.</summary>
    public static TheoryData<string, string, string> RefusedNames() => new()
    {
        { "a direction override", Uri.EscapeDataString("Ayesha \u202Eexe.fdp"), "Name contains an invisible character that reverses how text is shown" },
        { "a direction isolate", Uri.EscapeDataString("\u2067Ayesha Khan"), "Name contains an invisible character that reverses how text is shown" },
        { "a bell", Uri.EscapeDataString("Ayesha\u0007Khan"), "Name contains a control character" },
        { "a line break", Uri.EscapeDataString("Ayesha\r\nKhan"), "Name contains a control character" },
        { "an escape", "Ayesha%1BKhan", "Name contains a control character" },
        { "a zero-width space", Uri.EscapeDataString("Aye\u200Bsha"), "Name contains an invisible character" },
        { "a line separator", Uri.EscapeDataString("Ayesha\u2028Khan"), "Name contains an invisible character" },
        { "121 characters", new string('a', 121), "Name must be at most 120 characters." },
        { "20,000 characters", new string('a', 20_000), "Name must be at most 120 characters." },
    };

    public static TheoryData<string, string> StoredNames() => new()
    {
        { "a script tag", "<script>alert(1)</script>" },
        { "an attribute breakout", "\"><img src=x onerror=alert(1)>" },
        { "a SQL fragment", "Robert'); DROP TABLE accounts_staff;--" },
        { "Urdu", "عائشہ خان" },
        { "an emoji sequence", "Dr 👩🏽\u200D⚕️ Ayesha" },
        { "accents", "Zoë Ñúñez-Ōtake" },
    };

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task An_invitation_whose_name_hides_or_disguises_text_gets_400_naming_the_field_and_is_not_stored(string kind, string encodedName, string message)
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();

        var response = await InviteEncodedAsync(owner, encodedName, Uri.EscapeDataString(email));
        var page = await response.PageAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"A name with {kind} answered {(int)response.StatusCode}.");
        Assert.True(page.FieldError("name")?.StartsWith(message, StringComparison.Ordinal) == true, "The page said: " + Said(page));
        Assert.Equal("true", page.GetElementById("name")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await InvitationsAsync(email));
    }

    [Fact]
    public async Task A_null_character_in_any_form_field_is_refused_with_a_400_before_the_page_runs_and_nothing_is_stored()
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();

        var response = await InviteEncodedAsync(owner, "Ayesha%00Khan", Uri.EscapeDataString(email));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InvitationsAsync(email));
    }

    [Fact]
    public async Task An_invitation_whose_email_carries_a_direction_override_gets_400_naming_the_email()
    {
        using var owner = await OwnerAsync();

        var response = await InviteEncodedAsync(owner, "Ayesha", Uri.EscapeDataString("moc.evil\u202E@clinic.test"));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Email contains an invisible character", page.FieldError("email"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoredNames))]
    public async Task A_name_holding_markup_SQL_or_any_script_is_stored_verbatim_and_listed_escaped(string kind, string name)
    {
        using var owner = await OwnerAsync();
        var email = NewEmail();

        var response = await owner.InviteAsync(name, email, Roles.Reception);
        var stored = await App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT name FROM accounts_invitations WHERE tenant_id = @tenant_id AND email = @email", new { email }));
        var (_, list) = await owner.GetPageAsync("/staff");
        var html = await owner.Http.GetStringAsync("/staff");
        var row = list.QuerySelectorAll("tr[data-invitation]").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));

        Assert.True(response.IsRedirect(), $"A name with {kind} answered {(int)response.StatusCode}.");
        Assert.Equal(name, stored);
        Assert.Equal(name, row.QuerySelector("td")!.TextContent);
        Assert.Empty(row.QuerySelectorAll("script, img"));
        if (name.Contains('<', StringComparison.Ordinal))
            Assert.DoesNotContain(name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_with_a_direction_override_in_the_email_gets_400_naming_the_email()
    {
        using var browser = App.Browser();

        var response = await browser.SubmitAsync("/sign-in", StaffForms.Fields(
            ("Input.Email", "owner\u202E@clinic.test"), ("Input.Password", ClinicApp.OwnerPassword)));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Email contains an invisible character", page.FieldError("email"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_with_a_control_character_in_the_password_gets_400_naming_the_password()
    {
        using var browser = App.Browser();

        var response = await browser.SubmitAsync("/sign-in", StaffForms.Fields(
            ("Input.Email", ClinicApp.OwnerEmail), ("Input.Password", ClinicApp.OwnerPassword + "\u0001")));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(page.FieldError("password")?.StartsWith("Password contains a control character", StringComparison.Ordinal) == true, "The page said: " + Said(page));
    }

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("/\r\nLocation: https://evil.example/")]
    [InlineData("/\u202E/elpmaxe.live//")]
    public async Task A_return_address_hiding_characters_browsers_drop_is_refused_and_never_leaves_the_clinic(string returnUrl)
    {
        using var browser = App.Browser();

        var response = await browser.SubmitAsync("/sign-in", StaffForms.Fields(
            ("Input.Email", ClinicApp.OwnerEmail), ("Input.Password", ClinicApp.OwnerPassword), ("Input.ReturnUrl", returnUrl)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("%E2%80%AEnideni.ffats", "Action contains an invisible character that reverses how text is shown")]
    [InlineData("staff%07invited", "Action contains a control character")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Action must be at most 64 characters.")]
    public async Task An_audit_filter_that_hides_or_disguises_text_gets_400_naming_the_field(string action, string message)
    {
        using var owner = await OwnerAsync();

        var (response, page) = await owner.GetPageAsync("/audit?action=" + action);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, page.FieldError("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audit_filter_holding_markup_is_searched_for_and_never_rendered_as_markup()
    {
        using var owner = await OwnerAsync();
        const string Markup = "<script>alert(1)</script>";

        var (response, page) = await owner.GetPageAsync("/audit?action=" + Uri.EscapeDataString(Markup));
        var html = await owner.Http.GetStringAsync("/audit?action=" + Uri.EscapeDataString(Markup));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Markup, html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("p.empty"));
    }

    public static TheoryData<string, string> JunkEnrolments() => new()
    {
        { "EnableInput.PendingKey", "not a protected key" },
        { "EnableInput.PendingKey", "<script>alert(1)</script>" },
        { "EnableInput.PendingKey", new string('A', 20_000) },
        { "EnableInput.Code", new string('1', 20_000) },
        { "EnableInput.Code", "12\u202E3456" },
        { "EnableInput.Code", "' OR 1=1 --" },
    };

    [Theory]
    [MemberData(nameof(JunkEnrolments))]
    public async Task Junk_in_the_two_factor_enrolment_form_gets_400_naming_the_code_and_nothing_is_enabled(string field, string value)
    {
        var email = NewEmail();
        await App.AddStaffAsync(email, Roles.Clinician, "a long and private passphrase");
        using var member = App.Browser();
        await member.SignInAsync(email, "a long and private passphrase");

        var fields = StaffForms.Fields(("EnableInput.Code", "123456"));
        fields[field] = value;

        var response = await member.SubmitAsync("/account/two-factor", fields, "form#enable-two-factor");
        var page = await response.PageAsync();
        var id = await App.StaffIdAsync(email);
        var enabled = await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_two_factor WHERE tenant_id = @tenant_id AND staff_id = @id", new { id }));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} of {value.Length} characters answered {(int)response.StatusCode}.");
        Assert.NotNull(page.FieldError("code"));
        Assert.Equal(0, enabled);
    }

    private static string Said(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".field-error, .alert, h1").Select(e => e.TextContent.Trim()));

    private async Task<ClinicClient> OwnerAsync()
    {
        var owner = App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    private static string NewEmail() => $"abuse-{Guid.NewGuid():N}@clinic.test";

    private static async Task<HttpResponseMessage> InviteEncodedAsync(ClinicClient owner, string encodedName, string encodedEmail)
    {
        var token = await owner.AntiforgeryTokenAsync("/staff");
        var body = $"_handler=invite-staff&__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Name={encodedName}&Input.Email={encodedEmail}&Input.Role={Roles.Reception}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Accept.ParseAdd("text/html");
        return await owner.Http.SendAsync(request);
    }

    private Task<long> InvitationsAsync(string email) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_invitations WHERE tenant_id = @tenant_id AND email = @email", new { email }));
}

public sealed class BadInputTests_on_Sqlite(SqliteApp fixture) : BadInputTests(fixture), IClassFixture<SqliteApp>;

public sealed class BadInputTests_on_Postgres(PostgresApp fixture) : BadInputTests(fixture), IClassFixture<PostgresApp>;

using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Website;

/// <summary>The owner's clinic profile feeds the public home page, the about page and every public page's footer.</summary>
public abstract class ClinicProfileTests(AppFixture fixture)
{
    [Fact]
    public async Task The_saved_profile_shows_on_the_home_page_the_about_page_and_the_footer()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var saved = await owner.SaveProfileAsync(ProfileForms.Valid());
        var (homeResponse, home) = await fixture.App.Browser().GetPageAsync("/");
        var (_, about) = await fixture.App.Browser().GetPageAsync("/about");
        var (_, cookies) = await fixture.App.Browser().GetPageAsync("/cookies");

        Assert.Equal(ProfileForms.Path, saved.RedirectTarget().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, homeResponse.StatusCode);
        Assert.Equal("Lahore Skin Studio", home.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Lahore Skin Studio", home.QuerySelector("header a.brand")!.TextContent.Trim());
        Assert.Equal("Skin and laser care in Gulberg", home.QuerySelector("main .tagline")!.TextContent.Trim());
        Assert.Equal("/book", home.QuerySelector("main a.book-online")!.GetAttribute("href"));
        Assert.Contains(home.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/consultation");
        Assert.Contains(home.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/services");
        Assert.Equal(["Monday 9:00 AM–6:00 PM", "Saturday 10:00 AM–2:00 PM", "Sunday Closed"],
            home.QuerySelectorAll("table.opening-hours tr").Select(r => string.Join(' ', r.Children.Select(c => c.TextContent))).Where((_, i) => i is 0 or 5 or 6));
        Assert.Equal("tel:+923001234567", home.QuerySelector("main a.phone")!.GetAttribute("href"));
        Assert.Equal("https://maps.app.goo.gl/abc123", home.QuerySelector("main a.map-link")!.GetAttribute("href"));
        Assert.Equal("https://wa.me/923217654321", home.QuerySelector("main a.whatsapp")!.GetAttribute("href"));
        Assert.Equal(["Founded in 2015 by two dermatologists.", "Every treatment starts with a consultation."],
            about.QuerySelectorAll(".about-text p").Select(p => p.TextContent));
        Assert.Equal("mailto:hello@skinstudio.test", about.QuerySelector("main a.email")!.GetAttribute("href"));
        var footer = cookies.QuerySelector("footer")!;
        Assert.Contains("12 Main Boulevard, Gulberg III, Lahore", footer.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mon–Fri 9:00 AM–6:00 PM · Sat 10:00 AM–2:00 PM · Sun Closed", footer.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Instagram", "Facebook"], footer.QuerySelectorAll(".footer-social a").Select(a => a.TextContent));
        Assert.Equal(["Privacy", "Cookies", "Cookie settings", "Staff sign in"], footer.QuerySelectorAll(".footer-links a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task The_shipped_privacy_policy_tells_visitors_how_to_contact_the_clinic_from_its_profile()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.Address", "12 Main Boulevard\nGulberg *III*, Lahore"));

        var (_, policy) = await fixture.App.Browser().GetPageAsync("/privacy");
        var items = policy.QuerySelectorAll("article.policy li").Select(li => li.TextContent).ToList();

        Assert.DoesNotContain("{{", policy.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Address: 12 Main Boulevard, Gulberg *III*, Lahore", items);
        Assert.Contains("Phone: +923001234567", items);
        Assert.Contains("Email: hello@skinstudio.test", items);
    }

    [Fact]
    public async Task The_form_shows_what_is_stored_and_saving_it_is_audited()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var recorded = await fixture.App.RecordedDuringAsync(() => owner.SaveProfileAsync(ProfileForms.Valid("Audited Clinic")));
        var (_, form) = await owner.GetPageAsync(ProfileForms.Path);

        Assert.Contains(recorded, e => e.Action == "accounts.profile.updated" && e.ClientId is null && e.Outcome == "success");
        Assert.Equal("Audited Clinic", form.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Equal("+923217654321", form.QuerySelector("#whatsapp")!.GetAttribute("value"));
        Assert.Equal("10:00", form.QuerySelector("#opens-5")!.GetAttribute("value"));
        Assert.False(form.QuerySelector("input[name='Input.Hours[6].Open']")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task A_reception_landline_is_accepted_as_the_clinic_s_phone_but_not_as_its_WhatsApp_number()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var saved = await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.Phone", "042 3576 1234"));
        var (_, home) = await fixture.App.Browser().GetPageAsync("/");
        var refused = await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.WhatsApp", "042 3576 1234"));

        Assert.Equal(ProfileForms.Path, saved.RedirectTarget().AbsolutePath);
        Assert.Equal("tel:+924235761234", home.QuerySelector("main a.phone")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("WhatsApp number must be a mobile number", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.MapLink", "http://maps.example/clinic", "Map link")]
    [InlineData("Input.MapLink", "javascript:alert(1)", "Map link")]
    [InlineData("Input.Phone", "12", "Phone")]
    [InlineData("Input.WhatsApp", "not a number", "WhatsApp number")]
    [InlineData("Input.Hours[2].Closes", "08:00", "Wednesday")]
    [InlineData("Input.Instagram", "http://instagram.com/clinic", "Instagram")]
    [InlineData("Input.Facebook", "https://evil.example/facebook.com", "Facebook")]
    [InlineData("Input.Email", "not-an-email", "Public email")]
    [InlineData("Input.Name", "", "Enter the clinic")]
    public async Task Bad_input_gets_400_naming_the_field_and_nothing_is_stored(string field, string value, string named)
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        await owner.SaveProfileAsync(ProfileForms.Valid("Before Bad Input"));

        var response = await owner.SaveProfileAsync(ProfileForms.Valid("After Bad Input").With(field, value));
        var page = await response.Content.ReadAsStringAsync();
        var (_, home) = await fixture.App.Browser().GetPageAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal("Before Bad Input", home.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("Input.Hours[0].Weekday", "x")]
    [InlineData("Input.Hours[0].Weekday", "")]
    [InlineData("Input.Hours[3].Open", "perhaps")]
    public async Task A_value_the_form_cannot_read_gets_400_naming_the_field_and_nothing_is_stored(string field, string value)
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        await owner.SaveProfileAsync(ProfileForms.Valid("Before Unreadable Input"));

        var response = await owner.SaveProfileAsync(ProfileForms.Valid("After Unreadable Input").With(field, value));
        var page = await response.PageAsync();
        var (_, home) = await fixture.App.Browser().GetPageAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Before Unreadable Input", home.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    public async Task An_address_whose_query_the_page_cannot_read_gets_400_naming_the_parameter(string saved)
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var (response, page) = await owner.GetPageAsync(ProfileForms.Path + "?saved=" + saved);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"Saved\"", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receptionist_is_refused_the_profile_form_and_cannot_post_it()
    {
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await fixture.App.AddStaffAsync(email, Roles.Reception, ClinicApp.OwnerPassword);
        using var reception = fixture.App.Browser();
        await reception.SignInAsync(email, ClinicApp.OwnerPassword);
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        await owner.SaveProfileAsync(ProfileForms.Valid("Owner's Name"));

        var (opened, _) = await reception.GetPageAsync(ProfileForms.Path);
        var posted = await reception.Http.PostAsync(ProfileForms.Path, new FormUrlEncodedContent(ProfileForms.Valid("Reception's Name").With("_handler", "clinic-profile")));
        var (_, home) = await fixture.App.Browser().GetPageAsync("/");

        Assert.Equal("/access-denied", opened.RedirectTarget().AbsolutePath);
        Assert.Equal("/access-denied", posted.RedirectTarget().AbsolutePath);
        Assert.Equal("Owner's Name", home.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Without_a_configured_widget_script_the_toggle_is_disabled_refused_and_no_outside_origin_is_allowed()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var (formResponse, form) = await owner.GetPageAsync(ProfileForms.Path);
        var refused = await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.WhatsAppWidget", "true"));
        var (home, page) = await fixture.App.Browser().GetPageAsync("/");

        Assert.True(form.QuerySelector("#whatsapp-widget")!.HasAttribute("disabled"));
        Assert.Contains("not set up", form.QuerySelector("#whatsapp-widget-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("WhatsApp chat widget", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script[data-category='third-party']"));
        Assert.Contains("script-src 'self';", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, formResponse.StatusCode);
    }

    [Fact]
    public async Task The_staff_start_page_moved_to_start_and_sign_in_lands_there()
    {
        using var browser = fixture.App.Browser();
        var (anonymous, _) = await browser.GetPageAsync("/start");
        var signIn = await browser.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = ClinicApp.OwnerEmail,
            ["Input.Password"] = ClinicApp.OwnerPassword,
        });
        var (_, start) = await browser.GetPageAsync("/start");
        var (_, home) = await browser.GetPageAsync("/");

        Assert.Equal("/sign-in", anonymous.RedirectTarget().AbsolutePath);
        Assert.Equal("/start", signIn.RedirectTarget().AbsolutePath);
        Assert.NotEmpty(start.QuerySelectorAll("main .tiles a"));
        Assert.Equal("/start", start.QuerySelector("header a.brand")!.GetAttribute("href"));
        Assert.NotNull(home.QuerySelector("main a.book-online"));
    }
}

public sealed class ClinicProfileTests_on_Sqlite(SqliteApp fixture) : ClinicProfileTests(fixture), IClassFixture<SqliteApp>;

public sealed class ClinicProfileTests_on_Postgres(PostgresApp fixture) : ClinicProfileTests(fixture), IClassFixture<PostgresApp>;

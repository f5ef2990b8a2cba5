using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Website;

/// <summary>An installation whose operator configured WhatsApp's chat-widget script.</summary>
public abstract class WidgetClinic(DatabaseProvider provider) : AppFixture(provider)
{
    public const string Script = "https://widget.example/chat/v2.js";

    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Website:WhatsAppWidgetScript"] = Script });
}

public sealed class WidgetClinicOnSqlite() : WidgetClinic(DatabaseProvider.Sqlite);

public sealed class WidgetClinicOnPostgres() : WidgetClinic(DatabaseProvider.Postgres);

/// <summary>
/// The embedded widget is a third-party script: rendered inert (type="text/plain", data-category="third-party") for
/// the consent script to start, and allowed by the security policy only because the operator named it.
/// </summary>
public abstract class WhatsAppWidgetTests(WidgetClinic fixture)
{
    [Fact]
    public async Task A_clinic_that_turns_the_widget_on_gets_its_script_inert_until_consent_and_its_origin_in_the_policy()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var saved = await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.WhatsAppWidget", "true"));
        var (response, home) = await fixture.App.Browser().GetPageAsync("/");
        var script = home.QuerySelector("script[data-category='third-party']");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.NotNull(script);
        Assert.Equal("text/plain", script.GetAttribute("type"));
        Assert.Equal("third-party", script.GetAttribute("data-category"));
        Assert.Equal(WidgetClinic.Script, script.GetAttribute("src"));
        Assert.Contains("script-src 'self' https://widget.example;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://widget.example;", policy, StringComparison.Ordinal);
        Assert.Equal("https://wa.me/923217654321", home.QuerySelector("main a.whatsapp")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_clinic_that_turns_the_widget_off_renders_no_script_though_the_operator_configured_one()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var on = await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.WhatsAppWidget", "true"));
        var off = await owner.SaveProfileAsync(ProfileForms.Valid());
        var (_, form) = await owner.GetPageAsync(ProfileForms.Path);
        var (response, home) = await fixture.App.Browser().GetPageAsync("/");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (on.StatusCode, off.StatusCode));
        Assert.False(form.QuerySelector("#whatsapp-widget")!.HasAttribute("disabled"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://wa.me/923217654321", home.QuerySelector("main a.whatsapp")?.GetAttribute("href"));
        Assert.Empty(home.QuerySelectorAll("script[data-category='third-party']"));
    }

    [Fact]
    public async Task The_widget_needs_a_whatsapp_number()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var refused = await owner.SaveProfileAsync(ProfileForms.Valid().With("Input.WhatsAppWidget", "true").With("Input.WhatsApp", ""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("WhatsApp chat widget: enter the WhatsApp number", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class WhatsAppWidgetTests_on_Sqlite(WidgetClinicOnSqlite fixture) : WhatsAppWidgetTests(fixture), IClassFixture<WidgetClinicOnSqlite>;

public sealed class WhatsAppWidgetTests_on_Postgres(WidgetClinicOnPostgres fixture) : WhatsAppWidgetTests(fixture), IClassFixture<WidgetClinicOnPostgres>;

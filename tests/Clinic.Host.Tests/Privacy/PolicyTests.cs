using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Cookies;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Privacy;

/// <summary>
/// The privacy and cookie policies: Clinic's shipped text until the owner publishes their own, every version kept,
/// the clinic's name and configured providers filled in, Markdown rendered without letting markup through, and a
/// material change emailed to the owners.
/// </summary>
public abstract class PolicyTests(ChannelClinic fixture)
{
    private const string PrivacyForm = "/settings/policies/privacy";

    [Fact]
    public async Task Before_anything_is_published_visitors_read_the_shipped_policy_with_the_clinics_name_and_its_date()
    {
        // Other tests here publish versions; this one is about the clinic that has published none.
        await fixture.App.InClinicAsync(db => db.ExecuteAsync("DELETE FROM privacy_policy_versions WHERE tenant_id = @tenant_id"));
        using var visitor = fixture.App.Browser();
        var (response, page) = await visitor.GetPageAsync("/privacy");
        var text = page.QuerySelector("article.policy")!.TextContent;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Last updated: 22 November 2026", text, StringComparison.Ordinal);
        Assert.Contains(await ClinicNameAsync(), text, StringComparison.Ordinal);
        foreach (var heading in new[] { "What we collect", "Why we use it", "Who helps us", "How long we keep it", "Your rights", "Children and guardians", "Security" })
            Assert.Contains(heading, page.QuerySelectorAll("article.policy h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task The_policy_names_twilio_once_the_clinic_sends_texts_through_it()
    {
        await fixture.App.InClinicAsync(db => db.ExecuteAsync("DELETE FROM privacy_policy_versions WHERE tenant_id = @tenant_id"));
        using var owner = await fixture.OwnerAsync();
        await owner.SaveAsync("sms", ("Sms.Provider", "none"));
        var (_, before) = await fixture.App.Browser().GetPageAsync("/privacy");
        await owner.SaveTwilioSmsAsync(fixture.Twilio);
        var (_, after) = await fixture.App.Browser().GetPageAsync("/privacy");
        await owner.SaveAsync("sms", ("Sms.Provider", "none"));

        Assert.DoesNotContain("Twilio", before.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Twilio (Twilio Inc.), which delivers our text messages.", after.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_material_change_is_published_kept_in_the_history_audited_and_emailed_to_the_owner()
    {
        using var owner = await fixture.OwnerAsync();
        var before = await LatestVersionAsync("privacy");
        HttpResponseMessage published = null!;

        var audit = await fixture.App.RecordedDuringAsync(async () => published = await owner.SubmitAsync(PrivacyForm, Form(
            "# Our privacy policy\n\n{{clinic.name}} now sends reminders by WhatsApp.", material: true, summary: "Reminders may now come by WhatsApp.")));
        await fixture.App.RunJobsAsync("outbox-dispatch");
        var (_, policy) = await fixture.App.Browser().GetPageAsync("/privacy");
        var (_, history) = await fixture.App.Browser().GetPageAsync("/privacy/history");
        var emails = await fixture.App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT to_email FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'privacy.policy_changed' AND data LIKE '%WhatsApp%'"));

        Assert.True(published.IsRedirect(), $"answered {(int)published.StatusCode}");
        Assert.Equal($"{PrivacyForm}?published={before + 1}", published.RedirectTarget().PathAndQuery);
        Assert.Contains($"{await ClinicNameAsync()} now sends reminders by WhatsApp.", policy.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(history.QuerySelectorAll("table.policy-history td"), td => td.TextContent == "Material change: Reminders may now come by WhatsApp.");
        Assert.Contains(audit, e => e.Action == "privacy.policy.published");
        Assert.Equal([ClinicApp.OwnerEmail], emails);
    }

    [Fact]
    public async Task A_minor_edit_is_published_without_emailing_anyone()
    {
        using var owner = await fixture.OwnerAsync();
        var marker = Guid.NewGuid().ToString("N");

        var published = await owner.SubmitAsync(PrivacyForm, Form($"# Privacy\n\nTypo fixed {marker}.", material: false, summary: ""));
        await fixture.App.RunJobsAsync("outbox-dispatch");
        var emails = await fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'privacy.policy_changed' AND data LIKE @marker", new { marker = $"%{marker}%" }));

        Assert.True(published.IsRedirect());
        Assert.Equal(0, emails);
    }

    [Fact]
    public async Task Html_in_the_markdown_is_shown_as_text_and_a_script_link_goes_nowhere()
    {
        using var owner = await fixture.OwnerAsync();
        await owner.SubmitAsync(PrivacyForm, Form(
            "# Policy\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[Contact us](javascript:alert(1)) and <javascript:alert(2)>", material: false, summary: ""));

        var (_, page) = await fixture.App.Browser().GetPageAsync("/privacy");
        var article = page.QuerySelector("article.policy")!;

        Assert.Empty(article.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert('x')</script>", article.TextContent, StringComparison.Ordinal);
        Assert.All(article.QuerySelectorAll("a"), a => Assert.DoesNotContain("javascript", a.GetAttribute("href") ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(article.QuerySelectorAll("a"), a => a.TextContent == "Contact us");
    }

    [Theory]
    [InlineData("", false, "", "Enter the policy's text.")]
    [InlineData("Hello {{clinic.phone}}", false, "", "Policy text uses {{clinic.phone}}, which is not a placeholder policies offer.")]
    [InlineData("Hello", true, "", "Say in a sentence what changed")]
    public async Task Bad_input_names_the_field_and_publishes_nothing(string body, bool material, string summary, string error)
    {
        using var owner = await fixture.OwnerAsync();
        var before = await LatestVersionAsync("privacy");

        var response = await owner.SubmitAsync(PrivacyForm, Form(body, material, summary));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, page.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await LatestVersionAsync("privacy"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("not-a-number")]
    public async Task A_tampered_base_version_publishes_nothing(string basedOn)
    {
        // With nothing published, a value that failed to bind and fell back to 0 would look current.
        await fixture.App.InClinicAsync(db => db.ExecuteAsync("DELETE FROM privacy_policy_versions WHERE tenant_id = @tenant_id"));
        using var owner = await fixture.OwnerAsync();
        var before = await LatestVersionAsync("privacy");
        var fields = Form("# Privacy\n\nTampered.", material: false, summary: "");
        fields["Input.BasedOn"] = basedOn;

        var response = await owner.SubmitAsync(PrivacyForm, fields);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"answered {(int)response.StatusCode}");
        Assert.Equal(before, await LatestVersionAsync("privacy"));
    }

    [Fact]
    public async Task A_form_sent_twice_publishes_one_version_and_says_why_the_second_was_not()
    {
        using var owner = await fixture.OwnerAsync();
        var before = await LatestVersionAsync("cookies");
        var fields = Form("# Cookies\n\nThe same words twice.", material: false, summary: "");
        fields["Input.BasedOn"] = before.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var first = await owner.SubmitAsync("/settings/policies/cookies", fields);
        var second = await owner.SubmitAsync("/settings/policies/cookies", fields);

        Assert.True(first.IsRedirect());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Another version was published while you were editing", (await second.PageAsync()).DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Equal(before + 1, await LatestVersionAsync("cookies"));
    }

    [Fact]
    public async Task Publishing_a_cookie_policy_asks_every_visitor_for_consent_again_and_the_cookie_page_shows_it()
    {
        using var owner = await fixture.OwnerAsync();
        using var visitor = fixture.App.Browser();
        await visitor.ChooseAsync("reject");
        var (_, before) = await visitor.GetPageAsync("/cookies");

        await owner.SubmitAsync("/settings/policies/cookies", Form("# Cookie policy\n\nWe now count visits, with your consent.", material: false, summary: ""));
        var (_, after) = await visitor.GetPageAsync("/cookies");

        Assert.Null(before.QuerySelector("section.cookie-banner"));
        Assert.NotNull(after.QuerySelector("section.cookie-banner"));
        Assert.Contains("We now count visits, with your consent.", after.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("table.cookie-registry"));
    }

    [Fact]
    public async Task Reception_cannot_publish_a_policy()
    {
        using var reception = await fixture.StaffAsync(Roles.Reception);

        var response = await reception.Http.GetAsync(PrivacyForm);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied"));
    }

    [Fact]
    public async Task An_old_version_stays_readable_by_its_link()
    {
        using var owner = await fixture.OwnerAsync();
        var marker = Guid.NewGuid().ToString("N");
        await owner.SubmitAsync(PrivacyForm, Form($"# Privacy\n\nOld words {marker}.", material: false, summary: ""));
        await owner.SubmitAsync(PrivacyForm, Form("# Privacy\n\nNew words.", material: false, summary: ""));
        var id = await fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND body LIKE @marker", new { marker = $"%{marker}%" }));

        var (response, page) = await fixture.App.Browser().GetPageAsync($"/privacy/versions/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Old words {marker}.", page.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("kept for the record", page.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string body, bool material, string summary)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Body"] = body, ["Input.Summary"] = summary };
        if (material)
            fields["Input.MaterialChange"] = "true";
        return fields;
    }

    private Task<string> ClinicNameAsync() =>
        fixture.App.InScopeAsync(async services => (await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))!.Name);

    private Task<int> LatestVersionAsync(string kind) =>
        fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<int>(
            "SELECT COALESCE(MAX(version), 0) FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND kind = @kind", new { kind }));
}

public sealed class PolicyTests_on_Sqlite(ChannelClinicOnSqlite fixture) : PolicyTests(fixture), IClassFixture<ChannelClinicOnSqlite>;

public sealed class PolicyTests_on_Postgres(ChannelClinicOnPostgres fixture) : PolicyTests(fixture), IClassFixture<ChannelClinicOnPostgres>;

using System.Net;
using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Clients;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Templates;

/// <summary>
/// The owner rewrites a template beside its placeholders and a sample preview; the dispatcher sends the clinic's words
/// in the client's language from the next message on. Unknown placeholders are refused and nothing is stored.
/// </summary>
public abstract class TemplateEditorTests(MessagingClinic clinic)
{
    private const string ConfirmationEmail = "/messages/templates/appointment.confirmation/email/en";

    [Fact]
    public async Task A_saved_override_is_audited_and_the_next_confirmation_uses_its_words_until_it_is_restored()
    {
        using var owner = await OwnerAsync();
        HttpResponseMessage saved = null!;
        var saving = await clinic.App.RecordedDuringAsync(async () => saved = await owner.SubmitAsync(ConfirmationEmail, StaffForms.Fields(
            ("Input.Subject", "Booked at {{clinic.name}}"),
            ("Input.Body", "Hello {{client.first_name}}, our own words: see you {{appointment.starts_at}}.")), "form.template-form"));
        var (_, list) = await owner.GetPageAsync("/messages/templates");
        var client = await AddClientAsync("en");
        var startsAt = await BookAsync(client, days: 2, hour: 15);
        await clinic.DispatchAsync();
        var message = Assert.Single(await clinic.MessagesToAsync(client));
        // Booking moved the clock a day on, past the owner's idle timeout.
        using var again = await OwnerAsync();
        HttpResponseMessage restored = null!;
        var restoring = await clinic.App.RecordedDuringAsync(async () => restored = await again.SubmitAsync(ConfirmationEmail, StaffForms.Fields(), "form.restore-template"));
        var (_, after) = await again.GetPageAsync(ConfirmationEmail);

        Assert.Equal(ConfirmationEmail, saved.RedirectTarget().AbsolutePath);
        Assert.Single(saving, e => e.Action == "messages.template_saved" && e.ClientId is null);
        Assert.Equal("Own words", list.QuerySelector("tr[data-kind='appointment.confirmation'] td[data-template='email-en']")!.TextContent.Trim());
        Assert.Equal("Built-in", list.QuerySelector("tr[data-kind='appointment.confirmation'] td[data-template='text-en']")!.TextContent.Trim());
        var day = startsAt.ToOffset(TimeSpan.FromHours(5)).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal($"Hello Sana, our own words: see you {day}, 3:00 pm.", message.Body);
        Assert.StartsWith("Booked at ", message.Subject, StringComparison.Ordinal);
        Assert.Equal(ConfirmationEmail, restored.RedirectTarget().AbsolutePath);
        Assert.Single(restoring, e => e.Action == "messages.template_restored" && e.ClientId is null);
        Assert.Contains("Built-in text", after.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await OverridesAsync("appointment.confirmation", "email", "en"));
    }

    [Fact]
    public async Task An_unknown_placeholder_an_empty_body_and_a_missing_subject_are_refused_naming_the_field_and_nothing_is_stored()
    {
        using var owner = await OwnerAsync();
        const string path = "/messages/templates/appointment.no_show/email/en";

        var unknown = await owner.SubmitAsync(path, StaffForms.Fields(("Input.Subject", "We missed you"), ("Input.Body", "Hi {{client.password}}")), "form.template-form");
        var unknownPage = await unknown.PageAsync();
        var empty = await owner.SubmitAsync(path, StaffForms.Fields(("Input.Subject", "We missed you"), ("Input.Body", "")), "form.template-form");
        var emptyPage = await empty.PageAsync();
        var unknownInSubject = await owner.SubmitAsync(path, StaffForms.Fields(("Input.Subject", "{{offer.url}}"), ("Input.Body", "Hi")), "form.template-form");
        var noSubject = await owner.SubmitAsync(path, StaffForms.Fields(("Input.Body", "Hi {{client.first_name}}")), "form.template-form");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("{{client.password}}", unknownPage.FieldError("body"), StringComparison.Ordinal);
        Assert.StartsWith("Body", unknownPage.FieldError("body"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull(emptyPage.FieldError("body"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownInSubject.StatusCode);
        Assert.Contains("{{offer.url}}", (await unknownInSubject.PageAsync()).FieldError("subject"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.NotNull((await noSubject.PageAsync()).FieldError("subject"));
        Assert.Equal(0, await OverridesAsync("appointment.no_show", "email", "en"));
    }

    [Fact]
    public async Task Preview_fills_the_sample_values_with_the_time_in_clinic_time_and_saves_nothing()
    {
        using var owner = await OwnerAsync();
        const string path = "/messages/templates/appointment.reminder/text/en";

        var previewed = await owner.SubmitAsync(path, StaffForms.Fields(
            ("Input.Body", "{{client.first_name}}: {{appointment.service}} on {{appointment.starts_at}}"), ("Input.Action", "preview")), "form.template-form");
        var page = await previewed.PageAsync();

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        // The sample is 10:30 UTC; the clinic is in Karachi (UTC+5).
        Assert.Equal("Ayesha: Hydrafacial on Tuesday 1 December 2026, 3:30 pm", page.QuerySelector("#template-preview .preview-body")!.TextContent);
        Assert.Equal("{{client.first_name}}: {{appointment.service}} on {{appointment.starts_at}}", page.QuerySelector("textarea#body")!.TextContent);
        Assert.Equal(0, await OverridesAsync("appointment.reminder", "text", "en"));
    }

    [Theory]
    [InlineData(160, "160 characters · 1 SMS (GSM-7, up to 160)")]
    [InlineData(161, "161 characters · 2 SMS segments (GSM-7, 153 per part)")]
    public async Task A_text_template_shows_its_length_in_GSM_7_segments(int characters, string expected)
    {
        using var owner = await OwnerAsync();

        var previewed = await owner.SubmitAsync("/messages/templates/appointment.reminder/text/en", StaffForms.Fields(
            ("Input.Body", new string('a', characters)), ("Input.Action", "preview")), "form.template-form");

        Assert.Equal("With the sample values: " + expected, (await previewed.PageAsync()).GetElementById("sms-length")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_Urdu_text_is_counted_in_UCS_2_by_the_page_and_by_the_live_preview()
    {
        using var owner = await OwnerAsync();
        const string path = "/messages/templates/appointment.reminder/text/ur";
        var urdu = "یاد دہانی: " + new string('ی', 70);

        var previewed = await owner.SubmitAsync(path, StaffForms.Fields(("Input.Body", urdu), ("Input.Action", "preview")), "form.template-form");
        var token = await owner.AntiforgeryTokenAsync(path);
        var live = await owner.PostAsync("/messages/templates/preview", StaffForms.Fields(
            ("__RequestVerificationToken", token), ("Kind", "appointment.reminder"), ("Channel", "text"), ("Language", "ur"),
            ("Input.Body", "{{client.first_name}} " + urdu + " {{offer.url}}")));
        using var json = JsonDocument.Parse(await live.Content.ReadAsStringAsync());

        Assert.Contains("81 characters · 2 SMS segments (UCS-2, 67 per part)", (await previewed.PageAsync()).GetElementById("sms-length")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.StartsWith("Ayesha یاد دہانی", json.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("UCS-2", json.RootElement.GetProperty("length").GetString(), StringComparison.Ordinal);
        Assert.Contains("{{offer.url}}", json.RootElement.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reception_cannot_open_or_post_the_templates()
    {
        using var reception = await clinic.ReceptionAsync();
        var token = await reception.AntiforgeryTokenAsync("/clients/new");

        var (list, _) = await reception.GetPageAsync("/messages/templates");
        var (editor, _) = await reception.GetPageAsync(ConfirmationEmail);
        var posted = await reception.PostAsync(ConfirmationEmail, StaffForms.Fields(
            ("_handler", "template"), ("__RequestVerificationToken", token), ("Input.Subject", "Mallory"), ("Input.Body", "Mallory")));
        var preview = await reception.PostAsync("/messages/templates/preview", StaffForms.Fields(
            ("__RequestVerificationToken", token), ("Kind", "appointment.confirmation"), ("Channel", "email"), ("Language", "en"), ("Input.Body", "x")));

        Assert.Equal("/access-denied", list.RedirectTarget().AbsolutePath);
        Assert.Equal("/access-denied", editor.RedirectTarget().AbsolutePath);
        Assert.True(posted.StatusCode == HttpStatusCode.Forbidden || posted.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)posted.StatusCode}");
        Assert.True(preview.StatusCode == HttpStatusCode.Forbidden || preview.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)preview.StatusCode}");
        Assert.Equal(0, await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_templates WHERE tenant_id = @tenant_id AND body = 'Mallory'")));
    }

    [Theory]
    [InlineData("/messages/templates/appointment.unknown/email/en")]
    [InlineData("/messages/templates/appointment.confirmation/fax/en")]
    [InlineData("/messages/templates/appointment.confirmation/email/fr")]
    public async Task An_unknown_kind_channel_or_language_is_not_found(string path)
    {
        using var owner = await OwnerAsync();

        var (response, _) = await owner.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_clinic_s_override_is_never_sent_or_shown()
    {
        // Another clinic's row, written in its own tenant's transaction as its requests would.
        await clinic.App.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<ClinicDatabase>().BeginAsync(Guid.CreateVersion7(), write: true, default);
            await db.ExecuteAsync(
                """
                INSERT INTO messaging_templates (id, tenant_id, kind, channel_group, language, subject, body, updated_at)
                VALUES (@id, @tenant_id, 'appointment.confirmation', 'email', 'en', 'Other clinic subject', 'Other clinic words', @now)
                """,
                new { id = Guid.CreateVersion7(), now = clinic.Clock.GetUtcNow() });
            await db.CommitAsync();
            return 0;
        });
        var client = await AddClientAsync("en");

        await BookAsync(client, days: 3, hour: 11);
        await clinic.DispatchAsync();
        using var owner = await OwnerAsync();
        var (_, editor) = await owner.GetPageAsync(ConfirmationEmail);
        var (_, list) = await owner.GetPageAsync("/messages/templates");

        var message = Assert.Single(await clinic.MessagesToAsync(client));
        Assert.DoesNotContain("Other clinic", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Other clinic", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Other clinic", editor.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Other clinic", list.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_chosen_on_the_client_form_is_saved_shown_and_picks_the_Urdu_override()
    {
        using var owner = await OwnerAsync();
        var refused = await owner.AddClientAsync(StaffForms.Fields(
            ("Input.FirstName", "Sana"), ("Input.LastName", "Malik"), ("Input.Phone", "03001234567"), ("Input.PreferredLanguage", "fr")));
        var client = await AddClientAsync("ur");
        var (_, profile) = await owner.GetPageAsync($"/clients/{client}");
        var (_, edit) = await owner.GetPageAsync($"/clients/{client}/edit");
        var saved = await owner.SubmitAsync("/messages/templates/appointment.confirmation/email/ur", StaffForms.Fields(
            ("Input.Subject", "{{clinic.name}}: اپائنٹمنٹ"), ("Input.Body", "محترم {{client.first_name}}، ہمارے اپنے الفاظ۔")), "form.template-form");

        await BookAsync(client, days: 4, hour: 12);
        await clinic.DispatchAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("Language for messages", (await refused.PageAsync()).FieldError("preferred-language"), StringComparison.Ordinal);
        Assert.Equal("اردو Urdu", profile.QuerySelector(".profile-item[data-field='Language for messages'] dd")!.TextContent);
        Assert.Equal("ur", edit.QuerySelector("select#preferred-language option[selected]")!.GetAttribute("value"));
        Assert.True(saved.IsRedirect(), $"answered {(int)saved.StatusCode}");
        var message = Assert.Single(await clinic.MessagesToAsync(client));
        Assert.Equal("ur", message.Language);
        Assert.Equal("محترم Sana، ہمارے اپنے الفاظ۔", message.Body);
    }

    [Fact]
    public async Task The_edit_form_changes_the_client_s_language()
    {
        using var owner = await OwnerAsync();
        var client = await AddClientAsync("ur");

        var edited = await owner.EditClientAsync(client, StaffForms.Fields(
            ("Input.FirstName", "Sana"), ("Input.LastName", "Malik"), ("Input.Phone", "03001234567"), ("Input.PreferredLanguage", "en")));

        Assert.True(edited.IsRedirect(), $"answered {(int)edited.StatusCode}");
        Assert.Equal("en", await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT preferred_language FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client", new { client })));
    }

    private async Task<ClinicClient> OwnerAsync()
    {
        var owner = clinic.App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    /// <summary>Adds a client through the add-client form, reading <paramref name="language"/>, and returns their id.</summary>
    private async Task<Guid> AddClientAsync(string language)
    {
        using var owner = await OwnerAsync();
        var response = await owner.AddClientAsync(StaffForms.Fields(
            ("Input.FirstName", "Sana"), ("Input.LastName", $"Malik {Guid.NewGuid():N}"), ("Input.Phone", $"0300{Random.Shared.Next(0, 9_999_999):D7}"),
            ("Input.Email", $"sana-{Guid.NewGuid():N}@example.test"), ("Input.PreferredLanguage", language)));
        Assert.True(response.IsRedirect(), $"adding a client answered {(int)response.StatusCode}");
        return Guid.Parse(response.RedirectTarget().AbsolutePath.Split('/')[^1]);
    }

    /// <summary>Books the client with a new provider <paramref name="days"/> days on, from 10:00 on the next day in Karachi.</summary>
    private async Task<DateTimeOffset> BookAsync(Guid client, int days, int hour)
    {
        var now = clinic.KarachiDay(1, 10);
        if (now > clinic.Clock.GetUtcNow())
            clinic.SetNow(now);
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        using var reception = await clinic.ReceptionAsync();
        var startsAt = clinic.KarachiDay(days, hour);
        await reception.BookedAsync(client, service, provider, startsAt);
        return startsAt;
    }

    private Task<long> OverridesAsync(string kind, string channel, string language) =>
        clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM messaging_templates WHERE tenant_id = @tenant_id AND kind = @kind AND channel_group = @channel AND language = @language",
            new { kind, channel, language }));
}

public sealed class TemplateEditorTests_on_Sqlite(MessagingClinicOnSqlite clinic) : TemplateEditorTests(clinic), IClassFixture<MessagingClinicOnSqlite>;

public sealed class TemplateEditorTests_on_Postgres(MessagingClinicOnPostgres clinic) : TemplateEditorTests(clinic), IClassFixture<MessagingClinicOnPostgres>;

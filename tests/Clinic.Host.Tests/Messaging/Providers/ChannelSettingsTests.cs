using System.Net;
using System.Text.Json;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>
/// The owner's channel settings page: one form per kind of channel, secrets stored encrypted and never shown again,
/// every change audited, and a test send that shows the provider's own answer.
/// </summary>
public abstract class ChannelSettingsTests(ChannelClinic fixture)
{
    [Fact]
    public async Task Saved_twilio_settings_keep_the_auth_token_encrypted_never_show_it_and_are_audited()
    {
        using var owner = await fixture.OwnerAsync();
        HttpResponseMessage saved = null!;

        var audit = await fixture.App.RecordedDuringAsync(async () => saved = await owner.SaveTwilioSmsAsync(fixture.Twilio));
        var (_, page) = await owner.GetPageAsync(ChannelForms.Path);
        var html = page.DocumentElement.OuterHtml;
        var row = await StoredAsync("sms");

        Assert.True(saved.IsRedirect(), $"answered {(int)saved.StatusCode}");
        Assert.Equal("/messages/channels?saved=sms", saved.RedirectTarget().PathAndQuery);
        Assert.Contains("Sending through Twilio from +14155550100", page.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(fixture.Twilio.AccountSid, page.QuerySelector("#sms-account-sid")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#sms-auth-token")!.GetAttribute("value"));
        Assert.Equal("Saved; enter a new one to replace it.", page.QuerySelector("#sms-auth-token-hint")!.TextContent.Trim());
        Assert.DoesNotContain(fixture.Twilio.AuthToken, html, StringComparison.Ordinal);
        Assert.NotNull(row);
        Assert.DoesNotContain(fixture.Twilio.AuthToken, row, StringComparison.Ordinal);
        Assert.Contains("protected_secret=", row, StringComparison.Ordinal);
        Assert.Contains(audit, e => e.Action == "messaging.channel.sms.saved");
        Assert.DoesNotContain(fixture.Twilio.AuthToken, JsonSerializer.Serialize(audit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_sms_goes_out_through_the_saved_account_and_shows_twilios_message_id()
    {
        using var owner = await fixture.OwnerAsync();
        await owner.SaveTwilioSmsAsync(fixture.Twilio);
        fixture.Twilio.Reset();

        var response = await owner.SendTestAsync("sms", "TestSms", "+923001234567");
        var page = await response.PageAsync();

        var sent = Assert.Single(fixture.Twilio.Messages);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("+923001234567", sent.To);
        Assert.Equal(ChannelForms.FromNumber, sent.From);
        Assert.Equal($"{owner.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)}/webhooks/twilio/status", sent.StatusCallback);
        Assert.Contains($"Provider's message id: {sent.Sid}", page.QuerySelector("#test-sms-result")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_sms_to_a_number_twilio_refuses_shows_twilios_own_error_text()
    {
        using var owner = await fixture.OwnerAsync();
        await owner.SaveTwilioSmsAsync(fixture.Twilio);
        fixture.Twilio.Reset();
        HttpResponseMessage response = null!;

        var audit = await fixture.App.RecordedDuringAsync(async () => response = await owner.SendTestAsync("sms", "TestSms", Testing.Fakes.FakeTwilio.InvalidNumber));
        var result = (await response.PageAsync()).QuerySelector("#test-sms-result")!;

        Assert.Contains("The 'To' number +15005550001 is not a valid phone number. (Twilio error 21211)", result.TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", result.GetAttribute("role"));
        Assert.Single(fixture.Twilio.Requests);
        Assert.Contains(audit, e => e.Action == "messaging.channel.sms.tested" && e.Outcome == "failure");
    }

    [Fact]
    public async Task Saving_again_with_the_token_left_empty_keeps_the_saved_token()
    {
        using var owner = await fixture.OwnerAsync();
        await owner.SaveTwilioSmsAsync(fixture.Twilio);

        var resaved = await owner.SaveTwilioSmsAsync(fixture.Twilio, token: "", from: "+14155550199");
        fixture.Twilio.Reset();
        await owner.SendTestAsync("sms", "TestSms", "+923001234567");

        Assert.True(resaved.IsRedirect(), $"answered {(int)resaved.StatusCode}");
        Assert.Equal("+14155550199", Assert.Single(fixture.Twilio.Messages).From);
    }

    [Fact]
    public async Task Choosing_nothing_removes_the_channel_and_its_messages_stay_in_the_outbox()
    {
        using var owner = await fixture.OwnerAsync();
        await owner.SaveTwilioSmsAsync(fixture.Twilio);

        var removed = await owner.SaveAsync("sms", ("Sms.Provider", "none"));
        var (_, page) = await owner.GetPageAsync(ChannelForms.Path);

        Assert.True(removed.IsRedirect(), $"answered {(int)removed.StatusCode}");
        Assert.Null(await StoredAsync("sms"));
        Assert.StartsWith("Not set up", page.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.test-sms"));
    }

    [Theory]
    [InlineData("whatsapp", "WhatsApp.AccountSid", "AC123", "whatsapp-account-sid")]
    [InlineData("whatsapp", "WhatsApp.AccountSid", "ACzz00000000000000000000000000000z", "whatsapp-account-sid")]
    [InlineData("whatsapp", "WhatsApp.FromNumber", "0300 1234567", "whatsapp-from-number")]
    [InlineData("whatsapp", "WhatsApp.FromNumber", "+0123456789", "whatsapp-from-number")]
    [InlineData("whatsapp", "WhatsApp.AuthToken", "", "whatsapp-auth-token")]
    [InlineData("whatsapp", "WhatsApp.Provider", "sendgrid", "whatsapp-provider-none")]
    [InlineData("email", "Email.Host", "", "email-host")]
    [InlineData("email", "Email.Host", "smtp example.com", "email-host")]
    [InlineData("email", "Email.Port", "0", "email-port")]
    [InlineData("email", "Email.Port", "65536", "email-port")]
    [InlineData("email", "Email.Port", "five", "email-port")]
    [InlineData("email", "Email.FromAddress", "not-an-address", "email-from-address")]
    [InlineData("email", "Email.FromAddress", "", "email-from-address")]
    [InlineData("email", "Email.Password", "", "email-password")]
    public async Task Bad_settings_answer_400_naming_the_field_and_store_nothing(string kind, string field, string value, string input)
    {
        using var owner = await fixture.OwnerAsync();
        var before = await StoredAsync(kind);
        var fields = kind == "email"
            ? Fields(("Email.Provider", "smtp"), ("Email.Host", "smtp.glow.example"), ("Email.Port", "587"), ("Email.User", "clinic"), ("Email.Password", "mail-secret"), ("Email.FromAddress", "hello@glow.example"))
            : Fields(("WhatsApp.Provider", "twilio"), ("WhatsApp.AccountSid", fixture.Twilio.AccountSid), ("WhatsApp.AuthToken", "a-token"), ("WhatsApp.FromNumber", ChannelForms.FromNumber));
        fields[field] = value;

        var response = await owner.SaveAsync(kind, [.. fields.Select(f => (f.Key, f.Value))]);
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(page.FieldError(input)), $"no error shown for {input}");
        Assert.Equal(before, await StoredAsync(kind));
        Assert.DoesNotContain("mail-secret", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("a-token", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resend_signing_secret_is_kept_encrypted_never_shown_and_verifies_the_clinics_delivery_events()
    {
        using var owner = await fixture.OwnerAsync();
        var secret = Webhooks.ResendEvents.NewSecret();
        var emailId = Guid.NewGuid().ToString();
        var now = fixture.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var message = await fixture.App.InClinicAsync(db => Webhooks.ResendEvents.SentEmailAsync(db, emailId, now));

        var saved = await owner.SaveAsync(
            "email", ("Email.Provider", "resend"), ("Email.ApiKey", fixture.Resend.ApiKey), ("Email.SigningSecret", secret), ("Email.FromAddress", "hello@glow.example"));
        var (_, page) = await owner.GetPageAsync(ChannelForms.Path);
        var stored = await fixture.App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<string>(
            "SELECT protected_signing_secret FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = 'email'"));
        using var http = fixture.App.CreateClient();
        var forged = await Webhooks.ResendEvents.PostAsync(http, Webhooks.ResendEvents.NewSecret(), now, Webhooks.ResendEvents.Event("email.bounced", emailId));
        var signed = await Webhooks.ResendEvents.PostAsync(http, secret, now, Webhooks.ResendEvents.Event("email.delivered", emailId));

        Assert.True(saved.IsRedirect(), $"answered {(int)saved.StatusCode}");
        Assert.Contains("Resend reports delivery to http://localhost/webhooks/resend.", page.QuerySelector("#email-status")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Saved; enter a new one to replace it.", page.QuerySelector("#email-signing-secret-hint")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#email-signing-secret")!.GetAttribute("value"));
        Assert.DoesNotContain(secret["whsec_".Length..], page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(stored);
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("Delivered", await fixture.App.InClinicAsync(db => Webhooks.ResendEvents.StatusAsync(db, message)));
    }

    [Theory]
    [InlineData("not-a-secret")]
    [InlineData("whsec_%%%")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    public async Task A_signing_secret_that_is_not_one_answers_400_on_its_field_and_stores_nothing(string secret)
    {
        using var owner = await fixture.OwnerAsync();
        var before = await StoredAsync("email");

        var response = await owner.SaveAsync(
            "email", ("Email.Provider", "resend"), ("Email.ApiKey", fixture.Resend.ApiKey), ("Email.SigningSecret", secret), ("Email.FromAddress", "hello@glow.example"));
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(page.FieldError("email-signing-secret")), "no error shown for the signing secret");
        Assert.Equal(before, await StoredAsync("email"));
        Assert.DoesNotContain(secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0300 1234567")]
    [InlineData("")]
    public async Task A_test_to_a_malformed_number_answers_400_and_sends_nothing(string to)
    {
        using var owner = await fixture.OwnerAsync();
        await owner.SaveTwilioSmsAsync(fixture.Twilio);
        fixture.Twilio.Reset();

        var response = await owner.SendTestAsync("sms", "TestSms", to);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.PageAsync()).FieldError("test-sms-to")));
        Assert.Empty(fixture.Twilio.Requests);
    }

    [Theory]
    [InlineData("Reception")]
    [InlineData("Clinician")]
    public async Task Only_the_owner_may_open_or_post_the_channel_settings(string role)
    {
        using var staff = await fixture.StaffAsync(role);
        var before = await StoredAsync("sms");
        var token = await staff.AntiforgeryTokenAsync("/account/password");

        var (form, _) = await staff.GetPageAsync(ChannelForms.Path);
        var posted = await staff.PostAsync(ChannelForms.Path, Fields(
            ("_handler", "channel-sms"), ("__RequestVerificationToken", token), ("Sms.Provider", "twilio"),
            ("Sms.AccountSid", fixture.Twilio.AccountSid), ("Sms.AuthToken", "stolen"), ("Sms.FromNumber", "+14155550111")));
        var (_, home) = await staff.GetPageAsync("/start");

        Assert.True(form.StatusCode == HttpStatusCode.Forbidden || form.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)form.StatusCode}");
        Assert.True(posted.StatusCode == HttpStatusCode.Forbidden || posted.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)posted.StatusCode}");
        Assert.Equal(before, await StoredAsync("sms"));
        Assert.DoesNotContain("Message channels", home.NavigationLinks());
    }

    [Fact]
    public async Task The_owner_finds_the_page_in_the_menu()
    {
        using var owner = await fixture.OwnerAsync();

        var (_, home) = await owner.GetPageAsync("/start");

        Assert.Contains("Message channels", home.NavigationLinks());
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => StaffForms.Fields(fields);

    private Task<string?> StoredAsync(string kind) =>
        fixture.App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<string>(
            "SELECT provider || '|' || settings || '|protected_secret=' || COALESCE(protected_secret, '') FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = @kind",
            new { kind }));
}

public sealed class ChannelSettingsTests_on_Sqlite(ChannelClinicOnSqlite fixture) : ChannelSettingsTests(fixture), IClassFixture<ChannelClinicOnSqlite>;

public sealed class ChannelSettingsTests_on_Postgres(ChannelClinicOnPostgres fixture) : ChannelSettingsTests(fixture), IClassFixture<ChannelClinicOnPostgres>;

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Messaging.Webhooks.Signatures;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Webhooks;

/// <summary>
/// What providers post back: Twilio's status callbacks and clients' replies, signed with the clinic's auth token, and
/// Resend's delivery events, signed by Svix. A forged or missing signature gets 403 and changes nothing.
/// </summary>
public abstract class WebhookTests(WebhookClinic clinic)
{
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_STOP_reply_is_kept_on_the_clients_thread_and_turns_their_SMS_consent_off()
    {
        var (client, mobile) = await ClientAsync();

        var reply = await PostTwilioAsync("/webhooks/twilio/inbound", ("From", mobile), ("To", "+14155550100"), ("Body", "Stop"), ("MessageSid", Sid()));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("<Response>", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var consent = await clinic.App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<ConsentRow>(
            "SELECT channel AS Channel, granted AS Granted, source AS Source FROM clients_consent_changes WHERE client_id = @client AND tenant_id = @tenant_id",
            new { client }));
        Assert.Equal(("sms", false, "Replied STOP"), (consent!.Channel, consent.Granted, consent.Source));
        var thread = await clinic.App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT body FROM messaging_messages WHERE client_id = @client AND tenant_id = @tenant_id AND direction = 'in'", new { client }));
        Assert.Equal(["Stop"], thread);
    }

    [Fact]
    public async Task An_R_reply_asks_reception_to_call_back_and_a_repeated_webhook_is_kept_once()
    {
        var (client, mobile) = await ClientAsync();
        var sid = Sid();

        await PostTwilioAsync("/webhooks/twilio/inbound", ("From", mobile), ("Body", "R"), ("MessageSid", sid));
        await PostTwilioAsync("/webhooks/twilio/inbound", ("From", mobile), ("Body", "R"), ("MessageSid", sid));

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM messaging_callbacks WHERE client_id = @client AND tenant_id = @tenant_id", client));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM messaging_messages WHERE client_id = @client AND tenant_id = @tenant_id AND direction = 'in'", client));
    }

    [Fact]
    public async Task A_forged_or_missing_signature_gets_403_and_changes_nothing()
    {
        var (client, mobile) = await ClientAsync();
        await SaveTwilioAsync();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["From"] = mobile, ["Body"] = "STOP", ["MessageSid"] = Sid() };

        using var http = clinic.App.CreateClient();
        var missing = await http.PostAsync("/webhooks/twilio/inbound", new FormUrlEncodedContent(fields));
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/inbound") { Content = new FormUrlEncodedContent(fields) };
        forged.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(TwilioSignature.Compute("not-the-token", "http://localhost/webhooks/twilio/inbound", fields)));
        var wrong = await http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM clients_consent_changes WHERE client_id = @client AND tenant_id = @tenant_id", client));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM messaging_messages WHERE client_id = @client AND tenant_id = @tenant_id", client));
    }

    [Theory]
    [InlineData("/webhooks/twilio/inbound", "a null character")]
    [InlineData("/webhooks/twilio/inbound", "a value over 64 KB")]
    [InlineData("/webhooks/twilio/inbound", "a cut-short multipart body")]
    [InlineData("/webhooks/twilio/status", "a null character")]
    [InlineData("/webhooks/twilio/status", "a value over 64 KB")]
    [InlineData("/webhooks/twilio/status", "a cut-short multipart body")]
    public async Task A_post_whose_form_cannot_be_read_gets_400_and_changes_nothing(string path, string unreadable)
    {
        var (client, mobile) = await ClientAsync();
        var sid = Sid();
        var message = await SentMessageAsync("twilio", sid);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["From"] = mobile, ["Body"] = "STOP", ["MessageSid"] = sid, ["MessageStatus"] = "delivered",
        };
        await SaveTwilioAsync();

        var response = unreadable switch
        {
            "a null character" => await PostSignedAsync(path, new(fields, StringComparer.Ordinal) { ["Body"] = "STOP\0" }),
            "a value over 64 KB" => await PostSignedAsync(path, new(fields, StringComparer.Ordinal) { ["Body"] = new string('S', 65 * 1024) }),
            _ => await PostCutShortMultipartAsync(path, fields),
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM clients_consent_changes WHERE client_id = @client AND tenant_id = @tenant_id", client));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM messaging_messages WHERE client_id = @client AND tenant_id = @tenant_id", client));
        Assert.Equal("Sent", await StatusAsync(message));
    }

    [Fact]
    public async Task Twilio_reports_move_a_message_forward_never_back()
    {
        var sid = Sid();
        var message = await SentMessageAsync("twilio", sid);

        await PostTwilioAsync("/webhooks/twilio/status", ("MessageSid", sid), ("MessageStatus", "delivered"));
        await PostTwilioAsync("/webhooks/twilio/status", ("MessageSid", sid), ("MessageStatus", "sent"));

        Assert.Equal("Delivered", await StatusAsync(message));
        Assert.Equal(["Delivered", "Sent"], await TimelineAsync(message));
    }

    [Fact]
    public async Task Resend_events_are_accepted_only_signed_and_fresh_and_a_replay_is_ignored()
    {
        var emailId = Guid.NewGuid().ToString();
        var message = await SentMessageAsync("resend", emailId);
        var delivered = $$$"""{"type":"email.delivered","created_at":"2026-11-22T10:00:00Z","data":{"email_id":"{{{emailId}}}"}}""";
        var bounced = $$$"""{"type":"email.bounced","created_at":"2026-11-22T10:00:00Z","data":{"email_id":"{{{emailId}}}"}}""";
        var now = clinic.Clock.GetUtcNow();

        var stale = await PostResendAsync("msg_stale", now.AddMinutes(-6), bounced);
        var forged = await PostResendAsync("msg_forged", now, bounced, secret: "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        var first = await PostResendAsync("msg_1", now, delivered);
        var replay = await PostResendAsync("msg_1", now, delivered);

        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("Delivered", await StatusAsync(message));
        Assert.Equal(["Delivered"], await TimelineAsync(message));
    }

    private async Task<(Guid Client, string Mobile)> ClientAsync()
    {
        var client = Guid.CreateVersion7();
        var mobile = $"+92300{RandomNumberGenerator.GetInt32(0, 9_999_999):D7}";
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@client, @tenant_id, 'Hina', 'Aslam', @mobile, @now)",
            new { client, mobile, now = clinic.Clock.GetUtcNow() }));
        return (client, mobile);
    }

    private async Task<Guid> SentMessageAsync(string provider, string providerId)
    {
        var id = Guid.CreateVersion7();
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, data, channel, recipient, body, status,
                attempts, next_attempt_at, provider, provider_message_id, created_at, updated_at)
            VALUES (@id, @tenant_id, @key, 'appointment.confirmation', 'transactional', TRUE, 'out', '{}', 'Sms', '+923001234567', 'Words', 'Sent',
                1, @now, @provider, @providerId, @now, @now)
            """,
            new { id, key = $"test:{id}", provider, providerId, now = clinic.Clock.GetUtcNow() }));
        return id;
    }

    private async Task SaveTwilioAsync()
    {
        using var owner = clinic.App.Browser();
        await owner.SignInAsync();
        var saved = await owner.SaveAsync(
            "sms", ("Sms.Provider", "twilio"), ("Sms.AccountSid", "AC" + new string('a', 32)), ("Sms.AuthToken", AuthToken), ("Sms.FromNumber", ChannelForms.FromNumber));
        Assert.True(saved.IsRedirect() || saved.IsSuccessStatusCode, $"saving the channel answered {(int)saved.StatusCode}");
    }

    private async Task<HttpResponseMessage> PostTwilioAsync(string path, params (string Name, string Value)[] fields)
    {
        await SaveTwilioAsync();
        var form = fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(TwilioSignature.Compute(AuthToken, "http://localhost" + path, form)));
        using var http = clinic.App.CreateClient();
        return await http.SendAsync(request);
    }

    /// <summary>Posts the fields signed with the clinic's auth token, as Twilio would.</summary>
    private async Task<HttpResponseMessage> PostSignedAsync(string path, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(TwilioSignature.Compute(AuthToken, "http://localhost" + path, form)));
        using var http = clinic.App.CreateClient();
        return await http.SendAsync(request);
    }

    /// <summary>A multipart body that stops in the middle of a part, its closing boundary never sent.</summary>
    private async Task<HttpResponseMessage> PostCutShortMultipartAsync(string path, Dictionary<string, string> form)
    {
        var parts = string.Concat(form.Select(f => $"--cut\r\nContent-Disposition: form-data; name=\"{f.Key}\"\r\n\r\n{f.Value}\r\n"));
        var content = new StringContent(parts + "--cut\r\nContent-Disposition: form-data; name=\"Body\"\r\n\r\nSTO", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(TwilioSignature.Compute(AuthToken, "http://localhost" + path, form)));
        using var http = clinic.App.CreateClient();
        return await http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostResendAsync(string id, DateTimeOffset at, string body, string secret = WebhookClinic.ResendSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/resend") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("svix-id", id);
        request.Headers.Add("svix-timestamp", timestamp);
        request.Headers.Add("svix-signature", $"v1,{signature}");
        using var http = clinic.App.CreateClient();
        return await http.SendAsync(request);
    }

    private Task<long> CountAsync(string sql, Guid client) => clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(sql, new { client }));

    private Task<string?> StatusAsync(Guid message) =>
        clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<string>("SELECT status FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id", new { message }));

    private Task<IReadOnlyList<string>> TimelineAsync(Guid message) =>
        clinic.App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT status FROM messaging_message_events WHERE message_id = @message AND tenant_id = @tenant_id ORDER BY at, id", new { message }));

    private static string Sid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class ConsentRow
    {
        public string Channel { get; init; } = "";

        public bool Granted { get; init; }

        public string Source { get; init; } = "";
    }
}

/// <summary>A clinic with a Resend webhook secret configured; Twilio's auth token is saved by each test through the settings page.</summary>
public abstract class WebhookClinic(DatabaseProvider provider) : AppFixture(provider)
{
    public const string ResendSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Messaging:ResendWebhookSecret"] = ResendSecret });
}

public sealed class WebhookClinicOnSqlite() : WebhookClinic(DatabaseProvider.Sqlite);

public sealed class WebhookClinicOnPostgres() : WebhookClinic(DatabaseProvider.Postgres);

public sealed class WebhookTests_on_Sqlite(WebhookClinicOnSqlite clinic) : WebhookTests(clinic), IClassFixture<WebhookClinicOnSqlite>;

public sealed class WebhookTests_on_Postgres(WebhookClinicOnPostgres clinic) : WebhookTests(clinic), IClassFixture<WebhookClinicOnPostgres>;

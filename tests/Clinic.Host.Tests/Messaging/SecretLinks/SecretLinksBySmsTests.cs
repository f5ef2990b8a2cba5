using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Messaging.Dispatch;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.SecretLinks;

/// <summary>
/// A booking link by SMS through Twilio: the provider gets the link in full, the first time and when a send
/// interrupted by a crash is checked for at Twilio, while the message keeps only its placeholder.
/// </summary>
public abstract class SecretLinksBySmsTests(ChannelClinic clinic)
{
    private const string KeptWords = "Manage: {{appointment.manage_url}}";

    private DateTimeOffset Now => clinic.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task A_confirmation_by_sms_carries_the_booking_link_to_twilio_and_keeps_it_hidden()
    {
        await SmsByTwilioAsync();
        var (client, mobile) = await ClientWithMobileAsync();
        var link = $"http://localhost/booking/manage/{SecretToken.Create()}";
        var appointment = Guid.CreateVersion7();
        var starts = Now.AddDays(3);
        await clinic.App.InClinicAsync(async db =>
        {
            await db.PublishAsync(new AppointmentBooked(
                appointment, client, Guid.CreateVersion7(), "HydraFacial", Guid.CreateVersion7(), starts, starts.AddMinutes(30), "Confirmed", "staff", Seal(link)));
            return 0;
        });

        await clinic.App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        await DispatchAsync();

        var sent = Assert.Single(clinic.Twilio.Messages, m => m.To == mobile);
        var kept = await KeptAsync(client);
        using var owner = await clinic.OwnerAsync();
        var (_, details) = await owner.GetPageAsync($"/messages/{kept.Id}");
        Assert.Contains(link, sent.Body, StringComparison.Ordinal);
        Assert.Equal(("Sent", null), (kept.Status, kept.Secrets));
        Assert.Contains("{{appointment.manage_url}}", kept.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(link, kept.Body, StringComparison.Ordinal);
        Assert.Contains("booking link (hidden)", details.QuerySelector("pre.message-body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(link, details.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_interrupted_by_a_crash_is_found_at_twilio_with_its_link_and_not_sent_twice()
    {
        await SmsByTwilioAsync();
        var (client, mobile) = await ClientWithMobileAsync();
        var link = $"http://localhost/booking/manage/{SecretToken.Create()}";
        // The host died after Twilio took the message and before the answer was recorded.
        await PostToTwilioAsync(mobile, KeptWords.Replace("{{appointment.manage_url}}", link, StringComparison.Ordinal));
        var message = await InterruptedAsync(client, mobile, link);

        await DispatchAsync();

        Assert.Single(clinic.Twilio.Requests, r => r.Method == "POST" && r.Field("To") == mobile);
        var kept = await KeptAsync(client);
        Assert.Equal((message, "Sent", null), (kept.Id, kept.Status, kept.Secrets));
    }

    private SealedSecret Seal(string link) => clinic.App.Services.GetRequiredService<SecretSeal>().Seal(link);

    private async Task SmsByTwilioAsync()
    {
        using (var owner = await clinic.OwnerAsync())
            Assert.True((await owner.SaveTwilioSmsAsync(clinic.Twilio)).IsRedirect());
        clinic.Twilio.Reset();
    }

    private async Task<(Guid Client, string Mobile)> ClientWithMobileAsync()
    {
        var client = Guid.CreateVersion7();
        var mobile = $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@client, @tenant_id, 'Hina', @last, @mobile, @now)",
            new { client, last = $"Aslam-{client:N}", mobile, now = Now }));
        return (client, mobile);
    }

    /// <summary>A confirmation left Sending by a host that died, its lease long run out, its link still sealed beside it.</summary>
    private async Task<Guid> InterruptedAsync(Guid client, string mobile, string link)
    {
        var id = Guid.CreateVersion7();
        var secrets = JsonSerializer.Serialize(new Dictionary<string, SealedSecret> { ["appointment.manage_url"] = Seal(link) });
        var started = Now.AddHours(-1);
        await clinic.App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                """
                INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, data, secrets, channel, recipient,
                    language, body, status, attempts, next_attempt_at, attempt_started_at, provider, created_at, updated_at)
                VALUES (@id, @tenant_id, @key, 'appointment.confirmation', 'transactional', TRUE, 'out', @client, '{}', @secrets, 'Sms', @mobile,
                    'en', @body, 'Sending', 1, @started, @started, 'twilio', @started, @started)
                """,
                new { id, key = $"test:{id}", client, secrets, mobile, body = KeptWords, started });
            return await db.ExecuteAsync("INSERT INTO messaging_due (message_id, tenant_id, due_at) VALUES (@id, @tenant_id, @started)", new { id, started });
        });
        return id;
    }

    private async Task PostToTwilioAsync(string to, string body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(clinic.Twilio.BaseUrl, clinic.Twilio.MessagesPath.TrimStart('/')))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal) { ["To"] = to, ["From"] = ChannelForms.FromNumber, ["Body"] = body }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clinic.Twilio.AccountSid}:{clinic.Twilio.AuthToken}")));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task DispatchAsync() =>
        await clinic.App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<DispatchMessages>().RunAsync(default);
            return 0;
        });

    private Task<Kept> KeptAsync(Guid client) =>
        clinic.App.InClinicAsync(async db => (await db.QuerySingleOrDefaultAsync<Kept>(
            "SELECT id AS Id, status AS Status, body AS Body, secrets AS Secrets FROM messaging_messages WHERE tenant_id = @tenant_id AND client_id = @client",
            new { client }))!);

    private sealed class Kept
    {
        public Guid Id { get; init; }

        public string Status { get; init; } = "";

        public string? Body { get; init; }

        public string? Secrets { get; init; }
    }
}

public sealed class SecretLinksBySmsTests_on_Sqlite(ChannelClinicOnSqlite clinic) : SecretLinksBySmsTests(clinic), IClassFixture<ChannelClinicOnSqlite>;

public sealed class SecretLinksBySmsTests_on_Postgres(ChannelClinicOnPostgres clinic) : SecretLinksBySmsTests(clinic), IClassFixture<ChannelClinicOnPostgres>;

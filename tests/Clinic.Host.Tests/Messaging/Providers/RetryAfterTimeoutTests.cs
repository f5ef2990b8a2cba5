using System.Net.Http.Headers;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Messaging.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>
/// A send that timed out may still have reached Twilio, which has no idempotency key. Before the retry the dispatcher
/// asks Twilio whether it has the message; when it does, the message is recorded as sent and not posted again.
/// </summary>
public abstract class RetryAfterTimeoutTests(ChannelClinic clinic)
{
    [Fact]
    public async Task A_retry_finds_the_message_twilio_took_before_the_timeout_and_does_not_post_it_again()
    {
        using (var owner = await clinic.OwnerAsync())
            await owner.SaveTwilioSmsAsync(clinic.Twilio);
        clinic.Twilio.Reset();
        var mobile = $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
        const string Words = "Your appointment is confirmed.";
        // The first attempt: Twilio took it, but its answer never arrived in time.
        var firstAttempt = clinic.Clock.GetUtcNow().AddMinutes(-1);
        await PostToTwilioAsync(mobile, Words);
        var message = await QueuedRetryAsync(mobile, Words, firstAttempt);

        await clinic.App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<DispatchMessages>().RunAsync(default);
            return 0;
        });

        var taken = Assert.Single(clinic.Twilio.Messages);
        Assert.Single(clinic.Twilio.Requests, r => r.Method == "POST");
        Assert.Contains(clinic.Twilio.Requests, r => r.Method == "GET");
        var stored = await clinic.App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT status || ' ' || provider_message_id FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id", new { message }));
        Assert.Equal([$"Sent {taken.Sid}"], stored);
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

    /// <summary>A client's confirmation after one timed-out attempt: back in the queue with the words it was sent with.</summary>
    private async Task<Guid> QueuedRetryAsync(string mobile, string body, DateTimeOffset attemptStartedAt)
    {
        var id = Guid.CreateVersion7();
        var client = Guid.CreateVersion7();
        await clinic.App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@client, @tenant_id, 'Hina', 'Aslam', @mobile, @now)",
                new { client, mobile, now = clinic.Clock.GetUtcNow() });
            await db.ExecuteAsync(
                """
                INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, data, channel, recipient, language,
                    body, status, status_detail, attempts, next_attempt_at, attempt_started_at, provider, created_at, updated_at)
                VALUES (@id, @tenant_id, @key, 'appointment.confirmation', 'transactional', TRUE, 'out', @client, '{}', 'Sms', @mobile, 'en',
                    @body, 'Queued', 'timed out', 1, @now, @attemptStartedAt, 'twilio', @now, @now)
                """,
                new { id, key = $"test:{id}", client, mobile, body, attemptStartedAt, now = clinic.Clock.GetUtcNow() });
            return await db.ExecuteAsync("INSERT INTO messaging_due (message_id, tenant_id, due_at) VALUES (@id, @tenant_id, @now)", new { id, now = clinic.Clock.GetUtcNow().AddSeconds(-1) });
        });
        return id;
    }
}

public sealed class RetryAfterTimeoutTests_on_Sqlite(ChannelClinicOnSqlite clinic) : RetryAfterTimeoutTests(clinic), IClassFixture<ChannelClinicOnSqlite>;

public sealed class RetryAfterTimeoutTests_on_Postgres(ChannelClinicOnPostgres clinic) : RetryAfterTimeoutTests(clinic), IClassFixture<ChannelClinicOnPostgres>;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Host.Tests.Messaging.Webhooks;

/// <summary>Resend's delivery events as Svix signs them, and the sent emails they are about.</summary>
internal static class ResendEvents
{
    /// <summary>A fresh signing secret in Resend's form: <c>whsec_</c> and a base64 key.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Event(string type, string emailId) =>
        $$$"""{"type":"{{{type}}}","created_at":"2026-11-22T10:00:00Z","data":{"email_id":"{{{emailId}}}"}}""";

    /// <summary>Posts <paramref name="body"/> to <c>/webhooks/resend</c> signed with <paramref name="secret"/> at <paramref name="at"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string secret, DateTimeOffset at, string body)
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/resend") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("svix-id", id);
        request.Headers.Add("svix-timestamp", timestamp);
        request.Headers.Add("svix-signature", $"v1,{signature}");
        return await http.SendAsync(request);
    }

    /// <summary>An email the clinic sent through Resend with id <paramref name="emailId"/>; returns the message's id.</summary>
    public static async Task<Guid> SentEmailAsync(DbSession db, string emailId, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, data, channel, recipient, body, status,
                attempts, next_attempt_at, provider, provider_message_id, created_at, updated_at)
            VALUES (@id, @tenant_id, @key, 'appointment.confirmation', 'transactional', TRUE, 'out', '{}', 'Email', 'sana@example.test', 'Words', 'Sent',
                1, @now, 'resend', @emailId, @now, @now)
            """,
            new { id, key = $"test:{id}", emailId, now });
        return id;
    }

    public static Task<string?> StatusAsync(DbSession db, Guid message) =>
        db.ExecuteScalarAsync<string>("SELECT status FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id", new { message });
}

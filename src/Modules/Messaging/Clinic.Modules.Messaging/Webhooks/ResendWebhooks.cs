using System.Text.Json;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Inbound;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Webhooks.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Messaging.Webhooks;

/// <summary>
/// Resend's delivery events, signed by Svix with the webhook's <c>whsec_</c> secret (<c>Clinic:Messaging:ResendWebhookSecret</c>).
/// An unsigned, forged or stale request gets 403; one already handled (the same <c>svix-id</c>) is acknowledged and ignored.
/// </summary>
internal static class ResendWebhooks
{
    public const string Path = "/webhooks/resend";
    public const string SecretKey = "Clinic:Messaging:ResendWebhookSecret";
    private const int LargestEvent = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, async (HttpRequest request, IConfiguration configuration, SvixSignature svix, TenantDb tenantDb, DeliveryReports reports, TimeProvider time) =>
            {
                var ct = request.HttpContext.RequestAborted;
                if (configuration[SecretKey] is not { Length: > 0 } secret)
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                // Bounded whether or not the sender states a length: an event is a few hundred bytes.
                if (await BoundedBodyAsync(request, ct) is not { } body)
                    return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                var id = request.Headers["svix-id"].ToString();
                if (svix.Verify(secret, id, request.Headers["svix-timestamp"], request.Headers["svix-signature"], body) != SvixVerdict.Valid)
                    return Results.StatusCode(StatusCodes.Status403Forbidden);

                await using (var db = await tenantDb.BeginAsync(ct))
                {
                    var first = await db.ExecuteAsync(
                        "INSERT INTO messaging_webhook_receipts (tenant_id, webhook_id, received_at) VALUES (@tenant_id, @id, @now) ON CONFLICT DO NOTHING",
                        new { id, now = time.GetUtcNow() });
                    await db.CommitAsync();
                    if (first == 0)
                        return Results.Ok();
                }

                if (Event(body) is { } delivery)
                    await reports.RecordAsync(Providers.Resend, delivery.EmailId, delivery.Status, delivery.Detail, ct);
                return Results.Ok();
            })
            .Anonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();

    private static async Task<string?> BoundedBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > LargestEvent)
            return null;
        var buffer = new char[LargestEvent + 1];
        using var reader = new StreamReader(request.Body);
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0)
            read += count;
        return read > LargestEvent ? null : new string(buffer, 0, read);
    }

    private sealed record Delivery(string EmailId, string Status, string Detail);

    /// <summary>The email and what happened to it; null for events that are not about delivery, or that do not parse.</summary>
    private static Delivery? Event(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var type = json.RootElement.GetProperty("type").GetString();
            var emailId = json.RootElement.GetProperty("data").GetProperty("email_id").GetString();
            var status = type switch
            {
                "email.sent" => MessageStatus.Sent,
                "email.delivered" => MessageStatus.Delivered,
                "email.opened" => MessageStatus.Read,
                "email.bounced" or "email.complained" or "email.failed" => MessageStatus.Failed,
                _ => null,
            };
            return status is null || string.IsNullOrEmpty(emailId) ? null : new Delivery(emailId, status, type!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

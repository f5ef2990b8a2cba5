using System.Text.Json;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
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
/// Resend's delivery events, signed by Svix with the clinic's webhook signing secret (<c>whsec_</c>), saved with its
/// Resend settings. Each clinic's webhook points at the clinic's own address, and the clinic that address resolves to
/// is the one whose secret must verify the event, so one clinic's secret never vouches for another's events (ADR 0019).
/// An unsigned, forged or stale request gets 403; one already handled (the same <c>svix-id</c>) is acknowledged and ignored.
/// </summary>
internal static class ResendWebhooks
{
    public const string Path = "/webhooks/resend";

    /// <summary>
    /// The installation-wide secret from before secrets were saved per clinic. Still honoured in the single-clinic
    /// edition, which has exactly one clinic for it to belong to, until the owner saves one; the SaaS edition refuses to
    /// start with it set.
    /// </summary>
    public const string LegacySecretKey = "Clinic:Messaging:ResendWebhookSecret";
    private const int LargestEvent = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, async (HttpRequest request, ChannelSettingsStore settings, EditionSettings edition, IConfiguration configuration, SvixSignature svix, UnitOfWork work, DeliveryReports reports, TimeProvider time) =>
            {
                var ct = request.HttpContext.RequestAborted;
                var secret = await settings.LoadSigningSecretAsync(ct) ?? (edition.IsMultiTenant ? null : configuration[LegacySecretKey]);
                if (string.IsNullOrEmpty(secret))
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                // Bounded whether or not the sender states a length: an event is a few hundred bytes.
                if (await BoundedBodyAsync(request, ct) is not { } body)
                    return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                var id = request.Headers["svix-id"].ToString();
                if (svix.Verify(secret, id, request.Headers["svix-timestamp"], request.Headers["svix-signature"], body) != SvixVerdict.Valid)
                    return Results.StatusCode(StatusCodes.Status403Forbidden);

                // The receipt and the report commit together: an event is applied exactly once, and one whose report
                // failed is not taken for handled when Resend sends it again.
                await work.RunAsync<bool>(
                    async change =>
                    {
                        var first = await change.Db.ExecuteAsync(
                            "INSERT INTO messaging_webhook_receipts (tenant_id, webhook_id, received_at) VALUES (@tenant_id, @id, @now) ON CONFLICT DO NOTHING",
                            new { id, now = time.GetUtcNow() });
                        return first > 0 && Event(body) is { } delivery
                            && await reports.ApplyAsync(change.Db, Providers.Resend, delivery.EmailId, delivery.Status, delivery.Detail);
                    },
                    ct);
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

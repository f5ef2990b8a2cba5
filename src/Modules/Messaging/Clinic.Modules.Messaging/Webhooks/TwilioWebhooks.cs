using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Inbound;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Webhooks.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Messaging.Webhooks;

/// <summary>
/// Twilio's status callbacks and clients' incoming SMS and WhatsApp messages. Only a request signed with the clinic's
/// Twilio auth token (<c>X-Twilio-Signature</c>) is read; anything else gets 403 and changes nothing.
/// </summary>
internal static class TwilioWebhooks
{
    public const string StatusPath = "/webhooks/twilio/status";
    public const string InboundPath = "/webhooks/twilio/inbound";

    // An empty TwiML answer: Clinic replies, if at all, through the dispatcher.
    private const string NoReply = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StatusPath, async (HttpRequest request, ChannelSettingsStore settings, PublicAddress address, UnitOfWork work, DeliveryReports reports) =>
            {
                if (await SignedFormAsync(request, settings, address) is not { } form)
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                if (form.GetValueOrDefault("MessageSid") is not { Length: > 0 } sid || Status(form.GetValueOrDefault("MessageStatus")) is not { } status)
                    return Results.Ok();

                var detail = form.GetValueOrDefault("ErrorCode") is { Length: > 0 } code ? $"Twilio error {code}" : form.GetValueOrDefault("MessageStatus");
                // A report of a message this clinic does not have is acknowledged all the same: Twilio would only send it again.
                await work.RunAsync<bool>(async change => await reports.ApplyAsync(change.Db, Providers.Twilio, sid, status, detail), request.HttpContext.RequestAborted);
                return Results.Ok();
            })
            .Anonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();

        endpoints.MapPost(InboundPath, async (HttpRequest request, ChannelSettingsStore settings, PublicAddress address, InboundMessages inbound) =>
            {
                if (await SignedFormAsync(request, settings, address) is not { } form)
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                if (form.GetValueOrDefault("From") is not { Length: > 0 } from || form.GetValueOrDefault("MessageSid") is not { Length: > 0 } sid)
                    return Results.BadRequest();

                var channel = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? ChannelKind.WhatsApp : ChannelKind.Sms;
                await inbound.ReceiveAsync(channel, from, form.GetValueOrDefault("Body") ?? "", Providers.Twilio, sid, request.HttpContext.RequestAborted);
                return Results.Text(NoReply, "text/xml");
            })
            .Anonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }

    /// <summary>The posted fields when the signature matches the SMS or the WhatsApp channel's auth token; otherwise null.</summary>
    private static async Task<Dictionary<string, string>?> SignedFormAsync(HttpRequest request, ChannelSettingsStore settings, PublicAddress address)
    {
        if (!request.HasFormContentType)
            return null;

        var form = (await request.ReadFormAsync(request.HttpContext.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        // Twilio signs the URL it was given, which is the clinic's public address.
        var url = address.Of(request) + request.Path + request.QueryString;
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        foreach (var kind in new[] { ChannelKind.Sms, ChannelKind.WhatsApp })
        {
            if (await settings.LoadWithSecretAsync(kind, request.HttpContext.RequestAborted) is { Setup.Provider: Providers.Twilio, Secret: { } token }
                && TwilioSignature.IsValid(token, url, form, signature))
                return form;
        }

        return null;
    }

    /// <summary>Twilio's message statuses, in Clinic's words; statuses before "sent" are not news.</summary>
    private static string? Status(string? twilio) => twilio switch
    {
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" => MessageStatus.Read,
        "failed" or "undelivered" => MessageStatus.Failed,
        _ => null,
    };
}

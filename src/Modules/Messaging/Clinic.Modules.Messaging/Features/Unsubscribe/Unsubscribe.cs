using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Messaging.Features.Unsubscribe;

/// <summary>
/// A client stops marketing on one channel from the link in a message, without signing in. The page asks them to
/// confirm; mail clients post RFC 8058's one-click form to the same address, with no antiforgery token to send.
/// The change goes into the client's consent history through Clients' contract.
/// </summary>
internal static class Unsubscribe
{
    public const string Source = "Unsubscribe link";

    /// <summary>The one-click body (RFC 8058); the page's own button sends it too.</summary>
    public const string OneClickField = "List-Unsubscribe";

    /// <summary>Sent only by the page's button, so the browser is shown the page again rather than a bare answer.</summary>
    public const string ConfirmedField = "confirmed";

    /// <summary>What the page may show: the clinic, the client's first name and nothing else of theirs.</summary>
    internal sealed record View(string ClinicName, string FirstName, ContactChannel Channel, bool AlreadyOff);

    internal sealed class Handler(UnsubscribeLinks links, ITenantContext tenant, ITenantDirectory clinics, IClientReach clients)
    {
        /// <summary>Null for a malformed or forged token, another clinic's, or a client no longer on record.</summary>
        public async Task<View?> LoadAsync(string? token, CancellationToken ct)
        {
            if (links.Read(token) is not { } subscriber || subscriber.ClinicId != tenant.TenantId)
                return null;
            if (await clients.FindAsync(subscriber.ClientId, ct) is not { } client)
                return null;

            var clinic = await clinics.FindAsync(subscriber.ClinicId, ct);
            return new View(clinic?.Name ?? "The clinic", client.FirstName, subscriber.Channel, !client.Consents.Contains(subscriber.Channel));
        }

        /// <summary>Turns the consent off; a second click records nothing more. False when the link leads nowhere.</summary>
        public async Task<bool> HandleAsync(string? token, CancellationToken ct)
        {
            if (links.Read(token) is not { } subscriber || subscriber.ClinicId != tenant.TenantId)
                return false;
            if (await clients.FindAsync(subscriber.ClientId, ct) is not { } client)
                return false;

            return !client.Consents.Contains(subscriber.Channel)
                || await clients.ChangeConsentAsync(client.Id, subscriber.Channel, granted: false, Source, ct);
        }
    }

    public static string ChannelName(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => "emails",
        ContactChannel.Sms => "text messages",
        _ => "WhatsApp messages",
    };

    /// <summary>
    /// The POST for the link's address. It is ordered before the page so that it, not the page's antiforgery-checked
    /// form handling, answers every post there.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/unsubscribe/{Token}", async (string token, HttpRequest request, Handler handler, CancellationToken ct) =>
            {
                // A form the host could not read was refused with a 400 before any endpoint ran.
                var confirmed = request.HasFormContentType && (await request.ReadFormAsync(ct)).ContainsKey(ConfirmedField);
                if (!await handler.HandleAsync(token, ct))
                    return Results.NotFound();
                return confirmed
                    ? Results.Redirect($"{request.Scheme}://{request.Host}/unsubscribe/{Uri.EscapeDataString(token)}?done=1", permanent: false, preserveMethod: false)
                    : Results.Text("Unsubscribed.", "text/plain");
            })
            .Anonymous()
            .DisableAntiforgery()
            .WithOrder(-1)
            .ExcludeFromDescription();
}

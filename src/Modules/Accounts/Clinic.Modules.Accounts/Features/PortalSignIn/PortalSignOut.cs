using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Accounts.Features.PortalSignIn;

/// <summary>Ends the client's portal session on the server and in the browser.</summary>
internal static class PortalSignOut
{
    // The portal's scheme is named so the request carries the client who got the form's antiforgery token (the default
    // scheme is staff's); anonymous, so a browser with no portal session is only sent to sign in.
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/portal/sign-out", async (HttpContext http, UnitOfWork work, ClientSessions sessions) =>
            {
                var portal = await http.AuthenticateAsync(ClientPortal.Scheme);
                if (portal.Succeeded && SessionCookie.SessionOf(portal.Principal) is { } session)
                {
                    var entry = new AuditEntry(Features.SignOut.SignOut.AuditAction)
                    {
                        Actor = new AuditActor(SessionCookie.HolderOf(portal.Principal)!.Value, portal.Principal!.Identity?.Name ?? ""),
                        ClientId = ClientPortal.ClientOf(portal.Principal),
                    };
                    await work.RunAsync<bool>(
                        async change =>
                        {
                            change.Audit(entry);
                            return await sessions.EndAsync(change, session, SessionStore.SignedOut);
                        },
                        http.RequestAborted);
                }

                await http.SignOutAsync(ClientPortal.Scheme);
                return Results.Redirect(ClientPortal.SignInPath);
            })
            .Anonymous()
            .WithMetadata(new AuthorizeAttribute { AuthenticationSchemes = ClientPortal.Scheme }, new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
}

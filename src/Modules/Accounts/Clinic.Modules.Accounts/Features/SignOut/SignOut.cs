using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Accounts.Features.SignOut;

internal static class SignOut
{
    public const string AuditAction = "signout";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/sign-out", async (HttpContext http, UnitOfWork work, StaffSessions sessions) =>
            {
                // Recorded while the session still says who is leaving; a browser without one has nothing to end.
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    await work.RunAsync<bool>(
                        async change =>
                        {
                            change.Audit(new AuditEntry(AuditAction));
                            // Ended on the server, so a copy of the cookie kept elsewhere stops working too.
                            if (StaffSession.SessionOf(http.User) is { } session)
                                await sessions.EndAsync(change, session, SessionStore.SignedOut);
                            return true;
                        },
                        http.RequestAborted);
                }

                await http.SignOutAsync();
                return Results.Redirect("/sign-in");
            })
            .Anonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
}

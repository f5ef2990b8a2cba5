using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
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
        endpoints.MapPost("/sign-out", async (HttpContext http, TenantDb tenantDb, IAuditTrail audit, StaffSessions sessions) =>
            {
                // Recorded while the session still says who is leaving; a browser without one has nothing to end.
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    await using var db = await tenantDb.BeginAsync(http.RequestAborted);
                    await audit.RecordAsync(db, new AuditEntry(AuditAction));
                    // Ended on the server, so a copy of the cookie kept elsewhere stops working too.
                    if (StaffSession.SessionOf(http.User) is { } session)
                        await sessions.EndAsync(db, session, SessionStore.SignedOut);
                    await db.CommitAsync();
                }

                await http.SignOutAsync();
                return Results.Redirect("/sign-in");
            })
            .Anonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
}

using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Operators;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Accounts.Features.OperatorSignIn;

/// <summary>Ends the operator's console session on the server and in the browser.</summary>
internal static class OperatorSignOut
{
    public const string Path = PlatformConsole.SignOutPath;

    // Public, like the other sign-outs: a browser without a session has nothing to end. The operator's scheme still
    // authenticates the request, so the form's antiforgery token is checked against the operator who got it.
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, async (HttpContext http) =>
            {
                await OperatorSession.SignOutAsync(http);
                return Results.Redirect(PlatformConsole.SignInPath);
            })
            .Anonymous()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = PlatformConsole.Scheme })
            .WithMetadata(new RequireAntiforgeryTokenAttribute(), new PlatformEndpointAttribute(), new PlatformConsoleAttribute())
            .ExcludeFromDescription();
}

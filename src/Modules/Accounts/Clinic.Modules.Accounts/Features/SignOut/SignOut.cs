using Clinic.BuildingBlocks.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Accounts.Features.SignOut;

internal static class SignOut
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/sign-out", async (HttpContext http) =>
            {
                await http.SignOutAsync();
                return Results.Redirect("/sign-in");
            })
            .Anonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
}

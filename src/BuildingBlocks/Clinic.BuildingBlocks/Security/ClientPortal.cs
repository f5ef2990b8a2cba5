using System.Security.Claims;

namespace Clinic.BuildingBlocks.Security;

/// <summary>
/// The client portal's sign-in, separate from staff sign-in: its own cookie and scheme, so a client's cookie never
/// reaches a staff page and a staff cookie never opens a client's portal. Portal pages name the scheme
/// (<c>[Authorize(AuthenticationSchemes = ClientPortal.Scheme)]</c>) besides their permission.
/// </summary>
public static class ClientPortal
{
    public const string Scheme = "ClientPortal";
    public const string SignInPath = "/portal/sign-in";

    /// <summary>The Clients record the signed-in client account is linked to.</summary>
    public const string ClientClaim = "clinic:client";

    public static Guid? ClientOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClientClaim), out var id) ? id : null;
}

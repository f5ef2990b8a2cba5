namespace Clinic.BuildingBlocks.Security;

/// <summary>
/// The operator console's sign-in, separate from staff and clients: its own cookie and scheme, so an operator's cookie
/// never opens a clinic's page and a clinic's cookie never opens the console. Console pages name the scheme
/// (<c>[Authorize(AuthenticationSchemes = PlatformConsole.Scheme)]</c>) besides their permission.
/// </summary>
public static class PlatformConsole
{
    public const string Scheme = "Operator";
    public const string SignInPath = "/platform/sign-in";
    public const string HomePath = "/platform/clinics";
    public const string SignOutPath = "/platform/sign-out";
    public const string PoliciesPath = "/platform/policies/privacy";
}

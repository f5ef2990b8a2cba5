using System.Security.Claims;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Operators;

/// <summary>
/// The operator console's cookie: the operator, the Operator role and the server-side session. It names no clinic,
/// only console pages read it, and it is void wherever a clinic is served.
/// </summary>
internal static class OperatorSession
{
    public const string CookieName = "clinic.operator";

    public static async Task SignInAsync(HttpContext http, OperatorAccount account)
    {
        var session = await http.RequestServices.GetRequiredService<OperatorSessions>().StartAsync(account.Id, http.RequestAborted);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.Email),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Role, Roles.Operator),
                new Claim(SessionCookie.SessionClaim, session.ToString()),
            ],
            PlatformConsole.Scheme);
        await http.SignInAsync(PlatformConsole.Scheme, new ClaimsPrincipal(identity));
    }

    public static async Task SignOutAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(PlatformConsole.Scheme);
        if (result.Succeeded && SessionCookie.SessionOf(result.Principal) is { } session)
            await http.RequestServices.GetRequiredService<OperatorSessions>().EndAsync(session, SessionStore.SignedOut, http.RequestAborted);
        await http.SignOutAsync(PlatformConsole.Scheme);
    }

    public static void Configure(CookieAuthenticationOptions options, SessionSettings settings)
    {
        SessionCookie.ConfigureCookie(options, CookieName, settings);
        options.LoginPath = PlatformConsole.SignInPath;
        options.AccessDeniedPath = PlatformConsole.SignInPath;
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        // A request that resolved a clinic is clinic business: an operator's cookie has no say there.
        var live = services.GetRequiredService<ITenantContext>().TenantId is null
            && SessionCookie.SessionOf(context.Principal) is { } session
            && SessionCookie.HolderOf(context.Principal) is { } holder
            && await services.GetRequiredService<OperatorSessions>().IsLiveAsync(session, holder, context.HttpContext.RequestAborted);
        if (!live)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PlatformConsole.Scheme);
        }
    }
}

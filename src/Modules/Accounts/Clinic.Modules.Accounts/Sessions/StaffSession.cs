using System.Security.Claims;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>
/// The signed-in staff member's cookie: who they are, their role, the one clinic it is valid for, and the server-side
/// session it belongs to. Every request checks that session, so ending it on the server ends every copy of the cookie.
/// </summary>
internal static class StaffSession
{
    public const string CookieName = "clinic.session";

    /// <summary>Marks a session that may only set up two-factor sign-in: it carries <see cref="EnrolmentRole"/>, not the member's role.</summary>
    public const string EnrolmentOnlyClaim = "clinic:enrol-two-factor";

    /// <summary>The role of such a session, whose one permission is setting up two-factor sign-in.</summary>
    public const string EnrolmentRole = "TwoFactorEnrolment";

    public const string EnrolmentPath = "/account/two-factor";

    public static async Task SignInAsync(HttpContext http, StaffAccount account, bool enrolmentOnly = false)
    {
        var services = http.RequestServices;
        var context = services.GetRequiredService<AuditContext>();
        var device = KnownDevices.TokenOf(http);
        var session = (await services.GetRequiredService<UnitOfWork>().RunAsync<Guid>(
            async change =>
            {
                var id = await services.GetRequiredService<StaffSessions>().StartAsync(change.Db, account.Id, context.Ip, context.Device);
                await services.GetRequiredService<KnownDevices>().RecogniseAsync(change, device, new SignedIn(account.Id, SignedIn.Staff, account.Email, account.Name));
                return id;
            },
            http.RequestAborted)).Value;

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Role, enrolmentOnly ? EnrolmentRole : account.Role),
                new Claim(SessionCookie.TenantClaim, account.TenantId.ToString()),
                new Claim(SessionCookie.SessionClaim, session.ToString()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        if (enrolmentOnly)
            identity.AddClaim(new Claim(EnrolmentOnlyClaim, "true"));
        await http.SignInAsync(new ClaimsPrincipal(identity));
    }

    public static bool IsEnrolmentOnly(ClaimsPrincipal? user) => user?.HasClaim(c => c.Type == EnrolmentOnlyClaim) == true;

    public static Guid? SessionOf(ClaimsPrincipal? user) => SessionCookie.SessionOf(user);

    public static Guid? StaffOf(ClaimsPrincipal? user) => SessionCookie.HolderOf(user);

    public static void Configure(CookieAuthenticationOptions options, SessionSettings settings)
    {
        SessionCookie.Configure<StaffSessions>(options, CookieName, settings);
        options.LoginPath = "/sign-in";
        options.AccessDeniedPath = "/access-denied";
        options.Events.OnRedirectToLogin = ApiGetsStatus(StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = ApiGetsStatus(StatusCodes.Status403Forbidden);
    }

    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> ApiGetsStatus(int status) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        // A member whose clinic requires two-factor sign-in is sent to set it up from wherever they try to go.
        context.Response.Redirect(status == StatusCodes.Status403Forbidden && IsEnrolmentOnly(context.HttpContext.User) ? EnrolmentPath : context.RedirectUri);
        return Task.CompletedTask;
    };
}

using System.Security.Claims;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
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
    public const string TenantClaim = "clinic:tenant";
    public const string SessionClaim = "clinic:session";
    public const string CookieName = "clinic.session";

    /// <summary>Marks a session that may only set up two-factor sign-in: it carries no role, so it holds no permission.</summary>
    public const string EnrolmentOnlyClaim = "clinic:enrol-two-factor";

    public const string EnrolmentPath = "/account/two-factor";

    public static async Task SignInAsync(HttpContext http, StaffAccount account, bool enrolmentOnly = false)
    {
        var services = http.RequestServices;
        var context = services.GetRequiredService<AuditContext>();
        Guid session;
        await using (var db = await services.GetRequiredService<TenantDb>().BeginAsync(http.RequestAborted))
        {
            session = await services.GetRequiredService<StaffSessions>().StartAsync(db, account.Id, context.Ip, context.Device);
            await db.CommitAsync();
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Email, account.Email),
                enrolmentOnly ? new Claim(EnrolmentOnlyClaim, "true") : new Claim(ClaimTypes.Role, account.Role),
                new Claim(TenantClaim, account.TenantId.ToString()),
                new Claim(SessionClaim, session.ToString()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(new ClaimsPrincipal(identity));
    }

    public static bool IsEnrolmentOnly(ClaimsPrincipal? user) => user?.HasClaim(c => c.Type == EnrolmentOnlyClaim) == true;

    public static Guid? SessionOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static Guid? StaffOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static void Configure(CookieAuthenticationOptions options, SessionSettings settings)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The server-side session is the authority; the ticket's own lifetime only keeps stale cookies short-lived.
        options.ExpireTimeSpan = settings.IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = "/sign-in";
        options.AccessDeniedPath = "/access-denied";
        options.Events.OnValidatePrincipal = ValidateAsync;
        options.Events.OnRedirectToLogin = ApiGetsStatus(StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = ApiGetsStatus(StatusCodes.Status403Forbidden);
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var tenant = services.GetRequiredService<ITenantContext>().TenantId;
        // Platform endpoints (static assets, health) serve no clinic: nobody is signed in there, but the cookie stays.
        if (tenant is null)
        {
            context.RejectPrincipal();
            return;
        }

        // A session is bound to the clinic it was issued for; presented at another clinic's address it is void.
        if (context.Principal?.FindFirstValue(TenantClaim) != tenant.ToString()
            || SessionOf(context.Principal) is not { } id || StaffOf(context.Principal) is not { } staff)
        {
            await RejectAsync(context);
            return;
        }

        var tenantDb = services.GetRequiredService<TenantDb>();
        var sessions = services.GetRequiredService<StaffSessions>();
        var ct = context.HttpContext.RequestAborted;
        StoredSession? session;
        await using (var db = await tenantDb.ReadAsync(ct))
            session = await StaffSessions.FindAsync(db, id);

        if (session is null || session.StaffId != staff)
        {
            await RejectAsync(context);
            return;
        }

        var ended = sessions.WhyEnded(session);
        // A timed-out session is marked ended on the first request that notices; a live one is written once a minute at most.
        var endNow = ended is not null && session.EndedAt is null;
        if (endNow || (ended is null && sessions.IsDueForTouch(session)))
        {
            await using var db = await tenantDb.BeginAsync(ct);
            if (endNow)
                await sessions.EndAsync(db, id, ended!, new AuditActor(staff, context.Principal!.FindFirstValue(ClaimTypes.Name) ?? ""));
            else
                await sessions.TouchAsync(db, id);
            await db.CommitAsync();
        }

        if (ended is not null)
            await RejectAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
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

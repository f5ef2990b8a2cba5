using System.Security.Claims;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>
/// Checks a session cookie against the server on every request, so ending a session on the server ends every copy
/// of the cookie. Shared by the staff cookie and the client portal's.
/// </summary>
internal static class SessionCookie
{
    public const string TenantClaim = "clinic:tenant";
    public const string SessionClaim = "clinic:session";

    public static Guid? SessionOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static Guid? HolderOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>A clinic session cookie (staff or client), checked against <typeparamref name="TStore"/> on every request.</summary>
    public static void Configure<TStore>(CookieAuthenticationOptions options, string cookieName, SessionSettings settings)
        where TStore : SessionStore
    {
        ConfigureCookie(options, cookieName, settings);
        options.Events.OnValidatePrincipal = context => ValidateAsync(context, context.HttpContext.RequestServices.GetRequiredService<TStore>());
    }

    /// <summary>What every session cookie shares, the operator console's included.</summary>
    public static void ConfigureCookie(CookieAuthenticationOptions options, string cookieName, SessionSettings settings)
    {
        options.Cookie.Name = cookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The server-side session is the authority; the ticket's own lifetime only keeps stale cookies short-lived.
        options.ExpireTimeSpan = settings.IdleTimeout;
        options.SlidingExpiration = true;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context, SessionStore sessions)
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
            || SessionOf(context.Principal) is not { } id || HolderOf(context.Principal) is not { } holder)
        {
            await RejectAsync(context);
            return;
        }

        var tenantDb = services.GetRequiredService<TenantDb>();
        var ct = context.HttpContext.RequestAborted;
        StoredSession? session;
        await using (var db = await tenantDb.ReadAsync(ct))
            session = await sessions.FindAsync(db, id);

        if (session is null || session.HolderId != holder)
        {
            await RejectAsync(context);
            return;
        }

        var ended = sessions.WhyEnded(session);
        // A timed-out session is marked ended on the first request that notices; a live one is written once a minute at most.
        var endNow = ended is not null && session.EndedAt is null;
        if (endNow || (ended is null && sessions.IsDueForTouch(session)))
        {
            var actor = new AuditActor(holder, context.Principal!.FindFirstValue(ClaimTypes.Name) ?? "");
            await services.GetRequiredService<UnitOfWork>().RunAsync<bool>(
                async change =>
                {
                    if (endNow)
                        return await sessions.EndAsync(change, id, ended!, actor);
                    await sessions.TouchAsync(change.Db, id);
                    return true;
                },
                ct);
        }

        if (ended is not null)
            await RejectAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}

using System.Security.Claims;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>The signed-in staff member's cookie: who they are, their role, and the one clinic it is valid for.</summary>
internal static class StaffSession
{
    public const string TenantClaim = "clinic:tenant";
    public const string CookieName = "clinic.session";

    public static Task SignInAsync(HttpContext http, StaffAccount account)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Role, account.Role),
                new Claim(TenantClaim, account.TenantId.ToString()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(new ClaimsPrincipal(identity));
    }

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
        options.SlidingExpiration = true;
        options.LoginPath = "/sign-in";
        options.AccessDeniedPath = "/access-denied";
        options.Events.OnValidatePrincipal = RejectOtherClinics;
        options.Events.OnRedirectToLogin = ApiGetsStatus(StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = ApiGetsStatus(StatusCodes.Status403Forbidden);
    }

    // A session is bound to the clinic it was issued for; presented at another clinic's address it is void.
    private static Task RejectOtherClinics(CookieValidatePrincipalContext context)
    {
        var tenant = context.HttpContext.RequestServices.GetRequiredService<ITenantContext>().TenantId;
        if (tenant is not null && context.Principal?.FindFirstValue(TenantClaim) != tenant.ToString())
            context.RejectPrincipal();
        return Task.CompletedTask;
    }

    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> ApiGetsStatus(int status) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
}

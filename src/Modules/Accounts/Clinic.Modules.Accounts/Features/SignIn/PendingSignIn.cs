using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Features.SignIn;

/// <summary>
/// Between the password and the second factor: a short-lived, encrypted cookie naming the clinic, the staff member and
/// where they were going. It opens nothing but the two-factor step; the session starts only when that succeeds.
/// </summary>
internal static class PendingSignIn
{
    public const string CookieName = "clinic.signin.pending";
    public const string Path = "/sign-in/two-factor";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string Purpose = "Clinic.Accounts.SignIn.PendingTwoFactor";

    internal sealed record Pending(Guid TenantId, Guid StaffId, string ReturnUrl);

    public static void Issue(HttpContext http, Guid tenantId, Guid staffId, string returnUrl)
    {
        var value = Protector(http).Protect($"{tenantId}|{staffId}|{returnUrl}", Lifetime);
        http.Response.Cookies.Append(CookieName, value, Options(http));
    }

    /// <summary>The pending sign-in, if the cookie is present, unexpired, untampered and for this clinic.</summary>
    public static Pending? Read(HttpContext http, Guid tenantId)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } value)
            return null;
        try
        {
            return Protector(http).Unprotect(value).Split('|', 3) is [var tenant, var staff, var returnUrl]
                && tenant == tenantId.ToString() && Guid.TryParse(staff, out var staffId)
                ? new Pending(tenantId, staffId, returnUrl)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = Path,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}

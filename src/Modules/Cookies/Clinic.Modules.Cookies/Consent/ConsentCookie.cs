using System.Security.Cryptography;
using Clinic.BuildingBlocks.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Cookies.Consent;

/// <summary>A visitor's choice: the id that ties the browser to its entries in the log, what it allowed, under which policy revision.</summary>
internal sealed record ConsentChoice(Guid ConsentId, IReadOnlySet<CookieCategory> Categories, string Revision);

/// <summary>
/// The strictly necessary cookie that carries the choice. It is encrypted and authenticated with Data Protection, so a
/// visitor cannot grant themselves a choice the log does not hold; anything that does not read back counts as no choice.
/// </summary>
internal sealed class ConsentCookie(IDataProtectionProvider protection)
{
    public const string CookieName = "clinic.consent";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private const int MaxLength = 2048;

    private readonly IDataProtector _protector = protection.CreateProtector("Clinic.Cookies.Consent.v1");

    public ConsentChoice? Read(HttpRequest request)
    {
        var value = request.Cookies[CookieName];
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
            return null;

        string text;
        try
        {
            text = _protector.Unprotect(value);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = text.Split('|', 3);
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var id) && ConsentCategories.TryParse(parts[1], out var categories)
            ? new ConsentChoice(id, categories, parts[2])
            : null;
    }

    public void Write(HttpContext http, ConsentChoice choice) =>
        http.Response.Cookies.Append(
            CookieName,
            _protector.Protect($"{choice.ConsentId:N}|{ConsentCategories.Format(choice.Categories)}|{choice.Revision}"),
            new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = Lifetime,
                IsEssential = true,
            });
}

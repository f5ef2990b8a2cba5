using Clinic.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Features.Schedule;

/// <summary>
/// Remembers whether a staff member last looked at the day view or a provider's week, so the Schedule menu opens
/// where they left off. It is a preference cookie: written only with preference consent, read only while it holds.
/// </summary>
internal static class CalendarView
{
    public const string CookieName = "clinic.calendar_view";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private const string Day = "day";
    private const string WeekPrefix = "week:";

    /// <summary>The provider whose week was last shown, when that is the remembered view.</summary>
    public static async Task<Guid?> RememberedWeekAsync(HttpContext http, ICookieConsent consent)
    {
        var value = http.Request.Cookies[CookieName];
        return value is not null && value.StartsWith(WeekPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(value.AsSpan(WeekPrefix.Length), "N", out var provider)
            && await consent.HasAsync(CookieCategory.Preferences, http.RequestAborted)
            ? provider
            : null;
    }

    public static Task RememberDayAsync(HttpContext http, ICookieConsent consent) => RememberAsync(http, consent, Day);

    public static Task RememberWeekAsync(HttpContext http, ICookieConsent consent, Guid provider) =>
        RememberAsync(http, consent, WeekPrefix + provider.ToString("N"));

    private static async Task RememberAsync(HttpContext http, ICookieConsent consent, string value)
    {
        if (!await consent.HasAsync(CookieCategory.Preferences, http.RequestAborted) || http.Request.Cookies[CookieName] == value)
            return;
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
        });
    }
}

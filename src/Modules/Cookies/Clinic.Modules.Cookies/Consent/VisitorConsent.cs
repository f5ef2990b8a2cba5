using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Cookies.Contracts;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Cookies.Consent;

/// <summary>The current request's consent: the cookie's choice when it reads back and matches the policy's revision.</summary>
internal sealed class VisitorConsent(IHttpContextAccessor accessor, ConsentCookie cookie, ICookiePolicyRevision revision) : ICookieConsent
{
    private ConsentChoice? _choice;
    private bool _read;

    /// <summary>Global Privacy Control: the browser asks not to be tracked or have its data shared.</summary>
    public bool GlobalPrivacyControl => accessor.HttpContext?.Request.Headers["Sec-GPC"].ToString() == "1";

    public async ValueTask<ConsentChoice?> CurrentAsync(CancellationToken ct)
    {
        if (!_read && accessor.HttpContext is { } http)
        {
            var choice = cookie.Read(http.Request);
            _choice = choice is not null && string.Equals(choice.Revision, await revision.CurrentAsync(ct), StringComparison.Ordinal) ? choice : null;
            _read = true;
        }

        return _choice;
    }

    public async ValueTask<bool> HasAsync(CookieCategory category, CancellationToken ct) =>
        category == CookieCategory.StrictlyNecessary || (await CurrentAsync(ct))?.Categories.Contains(category) == true;
}

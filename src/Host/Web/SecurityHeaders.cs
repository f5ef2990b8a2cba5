using Clinic.BuildingBlocks.Web;
using Microsoft.Net.Http.Headers;

namespace Clinic.Host.Web;

/// <summary>
/// Headers every response carries: no inline script, no framing, no MIME sniffing, no leaking referrers, and no
/// keeping what may hold personal data (see ADR 0021).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, WebsiteSettings website)
{
    private readonly string _contentSecurityPolicy = PolicyFor(website.WhatsAppWidgetOrigin);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["X-Request-Id"] = context.TraceIdentifier;
            // Pages, exports and answers may hold client data, so no browser, proxy or service worker may keep them.
            // Static assets name their own caching (MapStaticAssets) and stay cacheable.
            if (!headers.ContainsKey(HeaderNames.CacheControl))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }

    // The operator's WhatsApp widget is the one outside origin allowed: its script, what it fetches and the chat
    // window it frames. Without the setting the policy stays same-origin only.
    private static string PolicyFor(string? widget)
    {
        var extra = widget is null ? "" : " " + widget;
        return $"default-src 'self'; script-src 'self'{extra}; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
            $"connect-src 'self'{extra}; frame-src 'self'{extra}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}

using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Cookies.Features.CountPageView;

/// <summary>
/// The analytics beacon: one page view of a public page, added to that day's count for the path and referring site.
/// It counts only with analytics consent and only from this site's own pages; otherwise it answers 204 and keeps
/// nothing. It stores no address, user agent, id or cookie, and sets none.
/// </summary>
/// <remarks>
/// A beacon cannot carry an antiforgery token, so the same-origin check (Sec-Fetch-Site, or Origin where a browser
/// sends no fetch metadata) is the defence: another site's page cannot make a visitor's browser count views here.
/// The consent cookie is SameSite=Lax, so a cross-site POST would not carry it either. A scripted client can forge
/// both headers and inflate counts, which the per-address rate limit bounds; it can learn nothing, as the answer is
/// always the same.
/// </remarks>
internal static class CountPageView
{
    public const string Path = "/analytics/view";
    public const int MaxPath = 200;
    public const int MaxHost = 253;
    private const int MaxBody = 4096;

    internal sealed record Request(string? Path, string? Referrer);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Path).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Send the page's path.")
                .MaximumLength(MaxPath).WithMessage($"A path has at most {MaxPath} characters.")
                .Must(p => p is null || (p.StartsWith('/') && !p.StartsWith("//", StringComparison.Ordinal) && !p.Any(char.IsControl)))
                .WithMessage("A path starts with a single \"/\".")
                .OverridePropertyName("path");
            RuleFor(r => r.Referrer).Must(h => string.IsNullOrEmpty(h) || Host(h) is not null)
                .WithMessage("Send the referring site's host name only, such as www.example.com.")
                .OverridePropertyName("referrer");
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (Handler handler, HttpContext http) => handler.HandleAsync(http))
            .Anonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(AnalyticsPerIp.Policy)
            .ExcludeFromDescription();

    /// <summary>The path as counted: no query string or fragment, no trailing slash, lower case.</summary>
    public static string PathOf(string path)
    {
        var end = path.IndexOfAny(['?', '#']);
        var bare = (end < 0 ? path : path[..end]).TrimEnd('/').ToLowerInvariant();
        return bare.Length == 0 ? "/" : bare;
    }

    /// <summary>A host name in lower case without a trailing dot; null when it is not a DNS name or IPv4 address.</summary>
    public static string? Host(string text)
    {
        var host = text.Trim().TrimEnd('.').ToLowerInvariant();
        return host.Length is > 0 and <= MaxHost && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 ? host : null;
    }

    /// <summary>From a page of this site: the browser's fetch metadata says so, or, without it, the Origin matches.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
            return site == "same-origin";
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Counts the view on the clinic's today, when the visitor allowed analytics and the page is one of the site's own.</summary>
    internal sealed class Handler(UnitOfWork work, ICookieConsent consent, ClinicTime clinicTime)
    {
        public async Task<IResult> HandleAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            if (await ReadAsync(http.Request, ct) is not { } request)
                return Problem("path", "Send the path as a form field (application/x-www-form-urlencoded), in at most 4 KB.");
            if (await work.ValidateAsync(request, ct) is { Any: true } invalid)
                return TypedResults.ValidationProblem(invalid.ToProblem());

            var path = PathOf(request.Path!);
            var referrer = string.IsNullOrEmpty(request.Referrer) ? "" : Host(request.Referrer)!;
            if (!PublicPages.Counts(path) || !IsSameOrigin(http.Request) || !await consent.HasAsync(CookieCategory.Analytics, ct))
                return TypedResults.NoContent();

            // A link from the site itself is moving around, not arriving from somewhere.
            if (string.Equals(referrer, http.Request.Host.Host, StringComparison.OrdinalIgnoreCase))
                referrer = "";
            var day = ClinicDates.Value(await clinicTime.TodayAsync(ct));
            await work.RunAsync<bool>(
                async change =>
                {
                    await change.Db.ExecuteAsync(
                        """
                        INSERT INTO cookies_page_views (tenant_id, day, path, referrer, views) VALUES (@tenant_id, @day, @path, @referrer, 1)
                        ON CONFLICT (tenant_id, day, path, referrer) DO UPDATE SET views = cookies_page_views.views + 1
                        """,
                        new { day, path, referrer });
                    return true;
                },
                ct);
            return TypedResults.NoContent();
        }

        private static async Task<Request?> ReadAsync(HttpRequest request, CancellationToken ct)
        {
            if (!request.HasFormContentType || request.ContentLength is not (>= 0 and <= MaxBody))
                return null;
            // A form the host could not read was refused with a 400 before any endpoint ran.
            var form = await request.ReadFormAsync(ct);
            return new Request(form["path"].ToString(), form["referrer"].ToString());
        }

        private static ValidationProblem Problem(string field, string message) =>
            TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, detail: $"{field}: {message}");
    }
}

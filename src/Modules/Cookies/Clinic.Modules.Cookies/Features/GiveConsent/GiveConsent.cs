using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Cookies.Consent;
using Clinic.Modules.Cookies.Contracts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Cookies.Features.GiveConsent;

/// <summary>
/// The banner's form: records the choice as proof, stores it in the consent cookie, expires the cookies of every
/// category not allowed, and goes back to the page the visitor was on. Antiforgery is checked (no token: 400). The
/// banner's token was issued to whoever its page was for, a client on portal pages and staff elsewhere, so both
/// sign-ins are read here to check it against.
/// </summary>
internal static class GiveConsent
{
    public const string Path = "/cookies/consent";
    private const int MaxUserAgent = 512;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, async Task<IResult> (Handler handler, HttpContext http, IFormCollection form) =>
                await handler.HandleAsync(
                    new Request(form["choice"].ToString(), [.. form["categories"].OfType<string>()], form["returnUrl"].ToString(), form["gpc"] == "1"),
                    http))
            .Anonymous()
            .WithMetadata(new AuthorizeAttribute { AuthenticationSchemes = $"{ClientPortal.Scheme},{CookieAuthenticationDefaults.AuthenticationScheme}" })
            .ExcludeFromDescription();

    internal sealed record Request(string? Choice, IReadOnlyList<string> Categories, string? ReturnUrl, bool GpcFromScript);

    /// <summary>The categories a choice allows; under Global Privacy Control "Accept all" leaves tracking off.</summary>
    public static Dictionary<string, string[]>? TryChoose(Request request, bool gpc, out IReadOnlySet<CookieCategory> granted)
    {
        granted = new HashSet<CookieCategory>();
        switch (request.Choice)
        {
            case "accept":
                granted = ConsentCategories.Optional.Where(c => !gpc || !ConsentCategories.Tracking.Contains(c)).ToHashSet();
                return null;
            case "reject":
                return null;
            case "custom":
                var chosen = new HashSet<CookieCategory>();
                foreach (var slug in request.Categories)
                {
                    if (!ConsentCategories.TryParseSlug(slug, out var category))
                        return new(StringComparer.Ordinal) { ["categories"] = ["Choose among preferences, analytics and third-party."] };
                    chosen.Add(category);
                }

                granted = chosen;
                return null;
            default:
                return new(StringComparer.Ordinal) { ["choice"] = ["Choose accept, reject or custom."] };
        }
    }

    /// <summary>Only a path on this site: anything else (another host, "//host", "/\host") goes home.</summary>
    public static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";

    internal sealed class Handler(
        TenantDb tenantDb,
        ConsentCookie cookie,
        VisitorConsent visitor,
        ICookiePolicyRevision revision,
        IEnumerable<CookieDeclaration> declarations,
        TimeProvider time)
    {
        public async Task<IResult> HandleAsync(Request request, HttpContext http)
        {
            var ct = http.RequestAborted;
            if (TryChoose(request, visitor.GlobalPrivacyControl || request.GpcFromScript, out var granted) is { } errors)
                return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));

            // The same browser keeps its consent id across changes and policy revisions, so the log shows its history.
            var choice = new ConsentChoice(cookie.Read(http.Request)?.ConsentId ?? Guid.CreateVersion7(), granted, await revision.CurrentAsync(ct));
            await using (var db = await tenantDb.BeginAsync(ct))
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO cookies_consents (id, tenant_id, visitor_id, categories, policy_version, recorded_at, choice, ip_hash, user_agent)
                    VALUES (@id, @tenant_id, @visitor, @categories, @revision, @now, @choice, @ip, @agent)
                    """,
                    new
                    {
                        id = Guid.CreateVersion7(),
                        visitor = choice.ConsentId.ToString("N"),
                        categories = ConsentCategories.Format(granted),
                        revision = choice.Revision,
                        now = time.GetUtcNow(),
                        choice = request.Choice,
                        ip = await IpFingerprint.OfAsync(db, http.Connection.RemoteIpAddress),
                        agent = new string([.. http.Request.Headers.UserAgent.ToString().Take(MaxUserAgent).Where(c => !char.IsControl(c))]),
                    });
                await db.CommitAsync();
            }

            cookie.Write(http, choice);
            foreach (var declared in declarations.Where(d => d.Category != CookieCategory.StrictlyNecessary && d.Provider == CookieDeclaration.FirstParty && !granted.Contains(d.Category)))
                http.Response.Cookies.Delete(declared.Name);
            return TypedResults.Redirect(LocalPath(request.ReturnUrl));
        }
    }
}

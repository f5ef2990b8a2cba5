using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Cookies.Consent;
using Clinic.Modules.Cookies.Contracts;
using Microsoft.AspNetCore.Authentication.Cookies;
using FluentValidation;
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
        endpoints.MapPost(Path, async Task<IResult> (UnitOfWork work, ConsentCookie cookie, VisitorConsent visitor, IEnumerable<CookieDeclaration> declarations, HttpContext http, IFormCollection form) =>
                {
                    var request = new Request
                    {
                        Choice = form["choice"].ToString(),
                        Categories = [.. form["categories"].OfType<string>()],
                        ReturnUrl = form["returnUrl"].ToString(),
                        Gpc = visitor.GlobalPrivacyControl || form["gpc"] == "1",
                        // The same browser keeps its consent id across changes and policy revisions, so the log shows its history.
                        ConsentId = cookie.Read(http.Request)?.ConsentId ?? Guid.CreateVersion7(),
                        Address = http.Connection.RemoteIpAddress,
                        UserAgent = new string([.. http.Request.Headers.UserAgent.ToString().Take(MaxUserAgent).Where(c => !char.IsControl(c))]),
                    };
                    var outcome = await work.RunAsync<Request, ConsentChoice>(request, http.RequestAborted);
                    if (!outcome.Succeeded)
                        return outcome.ToHttpResult();

                    var choice = outcome.Value!;
                    cookie.Write(http, choice);
                    foreach (var declared in declarations.Where(d => d.Category != CookieCategory.StrictlyNecessary && d.Provider == CookieDeclaration.FirstParty && !choice.Categories.Contains(d.Category)))
                        http.Response.Cookies.Delete(declared.Name);
                    return TypedResults.Redirect(LocalPath(request.ReturnUrl));
                })
            .Anonymous()
            .WithMetadata(new AuthorizeAttribute { AuthenticationSchemes = $"{ClientPortal.Scheme},{CookieAuthenticationDefaults.AuthenticationScheme}" })
            .ExcludeFromDescription();

    /// <summary>What the banner posts, and what the endpoint adds about the browser that sent it.</summary>
    internal sealed class Request
    {
        /// <summary>accept, reject or custom.</summary>
        public string? Choice { get; init; }

        /// <summary>The categories ticked, for a custom choice.</summary>
        public IReadOnlyList<string> Categories { get; init; } = [];

        public string? ReturnUrl { get; init; }

        /// <summary>Global Privacy Control, from the header or the banner's script.</summary>
        public bool Gpc { get; init; }

        public Guid ConsentId { get; init; }

        public IPAddress? Address { get; init; }

        public string UserAgent { get; init; } = "";
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Choice).Must(c => c is "accept" or "reject" or "custom").WithMessage("Choose accept, reject or custom.")
                .OverridePropertyName("choice");
            RuleFor(r => r.Categories).Must(slugs => slugs.All(slug => ConsentCategories.TryParseSlug(slug, out _)))
                .When(r => r.Choice == "custom")
                .WithMessage("Choose among preferences, analytics and third-party.")
                .OverridePropertyName("categories");
        }
    }

    /// <summary>The categories a valid choice allows; under Global Privacy Control "Accept all" leaves tracking off.</summary>
    public static IReadOnlySet<CookieCategory> Granted(Request request) => request.Choice switch
    {
        "accept" => ConsentCategories.Optional.Where(c => !request.Gpc || !ConsentCategories.Tracking.Contains(c)).ToHashSet(),
        "custom" => request.Categories.Select(slug => ConsentCategories.TryParseSlug(slug, out var category) ? category : (CookieCategory?)null).OfType<CookieCategory>().ToHashSet(),
        _ => new HashSet<CookieCategory>(),
    };

    /// <summary>Only a path on this site: anything else (another host, "//host", "/\host") goes home.</summary>
    public static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>Records the choice as proof; the answer is what the cookie will hold.</summary>
    internal sealed class Handler(ICookiePolicyRevision revision, TimeProvider time) : ICommandHandler<Request, ConsentChoice>
    {
        public async Task<Outcome<ConsentChoice>> HandleAsync(Request command, Change change)
        {
            var choice = new ConsentChoice(command.ConsentId, Granted(command), await revision.CurrentAsync(change.Cancellation));
            await change.Db.ExecuteAsync(
                """
                INSERT INTO cookies_consents (id, tenant_id, visitor_id, categories, policy_version, recorded_at, choice, ip_hash, user_agent)
                VALUES (@id, @tenant_id, @visitor, @categories, @revision, @now, @choice, @ip, @agent)
                """,
                new
                {
                    id = Guid.CreateVersion7(),
                    visitor = choice.ConsentId.ToString("N"),
                    categories = ConsentCategories.Format(choice.Categories),
                    revision = choice.Revision,
                    now = time.GetUtcNow(),
                    choice = command.Choice,
                    ip = await IpFingerprint.OfAsync(change.Db, command.Address),
                    agent = command.UserAgent,
                });
            return choice;
        }
    }
}

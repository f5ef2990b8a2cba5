using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>What a cookie is for; every category but <see cref="StrictlyNecessary"/> needs the visitor's consent.</summary>
public enum CookieCategory
{
    /// <summary>Needed for the site to work (sign-in, form protection, the consent choice itself); no consent required.</summary>
    StrictlyNecessary,

    /// <summary>Remembers choices such as the staff calendar's day or week view.</summary>
    Preferences,

    /// <summary>Counts visits to improve the site.</summary>
    Analytics,

    /// <summary>Set by someone else's embed, such as a chat widget.</summary>
    ThirdParty,
}

/// <summary>A cookie a module sets, listed in the cookie policy and governed by the consent banner.</summary>
public sealed record CookieDeclaration(string Name, string Purpose, CookieCategory Category, string Duration, string Provider)
{
    /// <summary>The provider of cookies the clinic's own site sets.</summary>
    public const string FirstParty = "This clinic";
}

public static class CookieServiceCollectionExtensions
{
    public static IServiceCollection AddCookieDeclaration(this IServiceCollection services, string name, string purpose, CookieCategory category, string duration, string provider = CookieDeclaration.FirstParty) =>
        services.AddSingleton(new CookieDeclaration(name, purpose, category, duration, provider));
}

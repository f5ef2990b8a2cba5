using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

public enum CookieCategory
{
    /// <summary>Needed for the site to work (sign-in, form protection); no consent required.</summary>
    StrictlyNecessary,
    Preferences,
    Analytics,
    Marketing,
}

/// <summary>A cookie a module sets, listed in the cookie policy and governed by the consent banner.</summary>
public sealed record CookieDeclaration(string Name, string Purpose, CookieCategory Category, string Duration);

public static class CookieServiceCollectionExtensions
{
    public static IServiceCollection AddCookieDeclaration(this IServiceCollection services, string name, string purpose, CookieCategory category, string duration) =>
        services.AddSingleton(new CookieDeclaration(name, purpose, category, duration));
}

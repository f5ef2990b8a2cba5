using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// What a module adds to the public layout's footer, such as the clinic's contact details. The layout lives here and
/// cannot reference modules, so a module registers its component, as the Cookies module does with <see cref="CookieBanner"/>.
/// </summary>
public sealed record PublicFooter(Type Component);

/// <summary>What a module shows as the public header's brand instead of the product's name: the clinic's own name.</summary>
public sealed record PublicBrand(Type Component);

public static class PublicFooterServiceCollectionExtensions
{
    public static IServiceCollection AddPublicFooter(this IServiceCollection services, Type component) =>
        services.AddSingleton(new PublicFooter(component));

    public static IServiceCollection AddPublicBrand(this IServiceCollection services, Type component) =>
        services.AddSingleton(new PublicBrand(component));
}

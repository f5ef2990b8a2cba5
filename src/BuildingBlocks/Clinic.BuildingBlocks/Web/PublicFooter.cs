using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// What a module adds to the public layout's footer, such as the clinic's contact details. The layout lives here and
/// cannot reference modules, so a module registers its component, as the Cookies module does with <see cref="CookieBanner"/>.
/// </summary>
public sealed record PublicFooter(Type Component);

public static class PublicFooterServiceCollectionExtensions
{
    public static IServiceCollection AddPublicFooter(this IServiceCollection services, Type component) =>
        services.AddSingleton(new PublicFooter(component));
}

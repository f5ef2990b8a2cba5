using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// What the visitor of the current request agreed to. A module sets a cookie of a category other than strictly
/// necessary, or renders a script of one, only when <see cref="HasAsync"/> says yes.
/// </summary>
public interface ICookieConsent
{
    ValueTask<bool> HasAsync(CookieCategory category, CancellationToken ct);
}

/// <summary>The default when the Cookies module is switched off: nothing beyond the strictly necessary is ever allowed.</summary>
public sealed class StrictlyNecessaryOnly : ICookieConsent
{
    public ValueTask<bool> HasAsync(CookieCategory category, CancellationToken ct) =>
        ValueTask.FromResult(category == CookieCategory.StrictlyNecessary);
}

/// <summary>The component the public and staff layouts render for consent: the banner, and the state scripts read.</summary>
public sealed record CookieBanner(Type Component);

public static class CookieBannerServiceCollectionExtensions
{
    public static IServiceCollection AddCookieBanner(this IServiceCollection services, Type component) =>
        services.AddSingleton(new CookieBanner(component));
}

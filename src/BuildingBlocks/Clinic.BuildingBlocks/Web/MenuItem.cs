using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>An entry in the staff navigation; shown only to users holding <see cref="Permission"/>.</summary>
public sealed record MenuItem(string Title, string Href, string Permission, int Order);

public static class MenuServiceCollectionExtensions
{
    public static IServiceCollection AddMenuItem(this IServiceCollection services, string title, string href, string permission, int order) =>
        services.AddSingleton(new MenuItem(title, href, permission, order));
}

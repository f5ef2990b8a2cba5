using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// A search box a module puts in the staff top bar, shown only to users holding <see cref="Permission"/>. Without
/// scripts it is a GET form to <see cref="Action"/> with the text as <c>q</c>; with them, results appear as the user
/// types, from <see cref="SuggestUrl"/>?q=…, which answers a JSON array of { name, detail, url }.
/// </summary>
public sealed record TopBarSearch(string Label, string Action, string SuggestUrl, string Permission);

public static class TopBarSearchServiceCollectionExtensions
{
    public static IServiceCollection AddTopBarSearch(this IServiceCollection services, TopBarSearch search) =>
        services.AddSingleton(search);
}

using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Security;

/// <summary>An outside company that handles personal data for the clinic (a mail or text service), named in the privacy policy.</summary>
public sealed record DataProcessor(string Name, string Purpose);

/// <summary>
/// The outside companies one module passes the current clinic's data to, worked out from how the clinic has set it up
/// today, so the privacy policy cannot drift from them. A module contributes its own, as it declares its cookies; the
/// policy lists them all without knowing the modules (ADR 0035).
/// </summary>
public interface IDataProcessors
{
    Task<IReadOnlyList<DataProcessor>> ListAsync(CancellationToken ct);
}

public static class DataProcessorServiceCollectionExtensions
{
    public static IServiceCollection AddDataProcessors<TProcessors>(this IServiceCollection services)
        where TProcessors : class, IDataProcessors =>
        services.AddScoped<IDataProcessors, TProcessors>();

    /// <summary>Every module's processors, in the order the modules registered them.</summary>
    public static async Task<IReadOnlyList<DataProcessor>> ListAllAsync(this IEnumerable<IDataProcessors> modules, CancellationToken ct)
    {
        var all = new List<DataProcessor>();
        foreach (var module in modules)
            all.AddRange(await module.ListAsync(ct));
        return all;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clinic.BuildingBlocks.Modules;

/// <summary>The documented default a module uses for another module's contract while that module is switched off.</summary>
public sealed record ContractFallback(ServiceDescriptor Default);

public static class ContractFallbackServiceCollectionExtensions
{
    /// <summary>
    /// Uses <typeparamref name="TDefault"/> for <typeparamref name="TContract"/> unless an enabled module provides the
    /// contract. Decided once every module has added its services, so the catalog's order does not matter.
    /// </summary>
    public static IServiceCollection AddFallback<TContract, TDefault>(this IServiceCollection services)
        where TContract : class
        where TDefault : class, TContract =>
        services.AddSingleton(new ContractFallback(ServiceDescriptor.Scoped<TContract, TDefault>()));

    /// <summary>Registers the fallbacks for the contracts no enabled module provides; the host calls it after the modules.</summary>
    public static void AddFallbacksForMissingContracts(this IServiceCollection services)
    {
        var fallbacks = services.Where(d => d.ServiceType == typeof(ContractFallback))
            .Select(d => (ContractFallback)d.ImplementationInstance!)
            .ToList();
        services.RemoveAll<ContractFallback>();
        foreach (var fallback in fallbacks)
            services.TryAdd(fallback.Default);
    }
}

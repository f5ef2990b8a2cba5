using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clinic.BuildingBlocks.Jobs;

public static class JobServiceCollectionExtensions
{
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, IClinicJob
    {
        services.AddScoped<TJob>();
        services.TryAddSingleton<DueWork>();
        services.AddSingleton(new RecurringJob(name, typeof(TJob), interval));
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Events;

public static class EventServiceCollectionExtensions
{
    /// <summary>Subscribes a handler, named for its consequence, to an event from another module's Contracts.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new EventSubscription(typeof(TEvent), typeof(THandler)));
        return services;
    }
}

using System.Text.Json;
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
        services.AddSingleton(new EventSubscription(
            EventNames.Of<TEvent>(),
            typeof(TEvent),
            typeof(THandler),
            static (scope, payload, db, ct) => scope.GetRequiredService<THandler>().HandleAsync(
                JsonSerializer.Deserialize<TEvent>(payload, Outbox.Json) ?? throw new JsonException($"The stored {typeof(TEvent).Name} is null."),
                db,
                ct)));
        return services;
    }
}

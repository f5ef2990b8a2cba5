using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Work;

public static class WorkServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's validators and command handlers, found in its own assembly (never by scanning the bin
    /// folder): every <see cref="AbstractValidator{T}"/> and every <see cref="ICommandHandler{TCommand, TResult}"/>.
    /// </summary>
    public static IServiceCollection AddCommandsFrom(this IServiceCollection services, Assembly module)
    {
        services.AddValidatorsFromAssembly(module, ServiceLifetime.Scoped, includeInternalTypes: true);
        foreach (var type in module.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)))
                services.AddScoped(contract, type);
        }

        return services;
    }
}

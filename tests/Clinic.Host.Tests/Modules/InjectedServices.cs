using System.Reflection;
using Clinic.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Modules;

/// <summary>
/// What a page or an endpoint asks the container for: every [Inject] of the components of the enabled modules, the
/// host and BuildingBlocks, and every handler, interface or [FromServices] parameter of a route's delegate. A
/// registration forgotten there fails only at request time, as a 500, which ValidateOnBuild cannot see.
/// </summary>
internal static class InjectedServices
{
    public static IReadOnlyList<string> Unresolvable(IServiceProvider services)
    {
        var known = services.GetRequiredService<IServiceProviderIsService>();
        var assemblies = services.GetRequiredService<ModuleSet>().Assemblies
            .Append(typeof(Program).Assembly)
            .Append(typeof(IClinicModule).Assembly);

        var components = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.IsDefined(typeof(InjectAttribute)))
                .Select(p => (Where: $"{t.FullName}.{p.Name}", Type: p.PropertyType)));

        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.OfType<MethodInfo>().Take(1)
                .SelectMany(m => m.GetParameters())
                .Where(IsInjected)
                .Select(p => (Where: $"{e.RoutePattern.RawText} ({p.Name})", Type: p.ParameterType)));

        return [.. components.Concat(endpoints)
            .Where(injected => !known.IsService(injected.Type))
            .Select(injected => $"{injected.Where}: {injected.Type.FullName}")
            .Distinct(StringComparer.Ordinal)];
    }

    // Minimal APIs bind a parameter from the container when it is a service; a handler that is not registered would be
    // read from the request body instead, so the convention (handlers, contracts) decides what must be a service.
    private static bool IsInjected(ParameterInfo parameter) =>
        parameter.IsDefined(typeof(FromServicesAttribute))
        || parameter.ParameterType.Name == "Handler"
        || (parameter.ParameterType.IsInterface && parameter.ParameterType.Namespace?.StartsWith("Clinic.", StringComparison.Ordinal) == true);
}

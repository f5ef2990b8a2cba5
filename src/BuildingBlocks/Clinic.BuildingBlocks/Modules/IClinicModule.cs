using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Modules;

/// <summary>A vertical slice of Clinic: its services, routes, schema, jobs and pages.</summary>
public interface IClinicModule
{
    /// <summary>The module's name, also its table prefix in lower case ("Booking" owns "booking_*").</summary>
    string Name { get; }

    /// <summary>
    /// The modules this one cannot run without: start-up refuses to run it while one of them is switched off. A
    /// contract it can do without is not listed here; it registers a default with <c>AddFallback</c> instead.
    /// </summary>
    IReadOnlyList<string> DependsOn { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Modules;

/// <summary>A vertical slice of Clinic: its services, routes, schema, jobs and pages.</summary>
public interface IClinicModule
{
    /// <summary>The module's name, also its table prefix in lower case ("Booking" owns "booking_*").</summary>
    string Name { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}

using Clinic.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Cookies;

/// <summary>The cookie registry, the consent banner and the cookie policy page.</summary>
public sealed class CookiesModule : IClinicModule
{
    public string Name => "Cookies";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

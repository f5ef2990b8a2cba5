using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Privacy.Features.RequestList;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Privacy;

/// <summary>Data-subject requests, retention rules and the audit trail of access to client records.</summary>
public sealed class PrivacyModule : IClinicModule
{
    public string Name => "Privacy";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(RequestList.Permission, "See data-subject requests", Roles.Owner);
        services.AddMenuItem("Privacy requests", "/privacy/requests", RequestList.Permission, order: 60);
        services.AddScoped<RequestList.Handler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

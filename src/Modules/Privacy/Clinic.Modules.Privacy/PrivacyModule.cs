using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Privacy.Contracts;
using Clinic.Modules.Privacy.Features.PublishPlatformPolicy;
using Clinic.Modules.Privacy.Features.PublishPolicy;
using Clinic.Modules.Privacy.Features.RequestList;
using Clinic.Modules.Privacy.Policies;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Privacy;

/// <summary>Data-subject requests, retention rules, and the clinic's versioned privacy and cookie policies.</summary>
public sealed class PrivacyModule : IClinicModule
{
    public string Name => "Privacy";

    public IReadOnlyList<string> DependsOn => ["Accounts"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(RequestList.Permission, "See data-subject requests", Roles.Owner);
        services.AddMenuItem("Privacy requests", "/privacy/requests", RequestList.Permission, order: 60);
        services.AddScoped<RequestList.Handler>();

        services.AddPermission(PublishPolicy.Permission, "Publish the privacy and cookie policies", Roles.Owner);
        services.AddMenuItem("Policies", PublishPolicy.PathOf(PolicyKind.Privacy), PublishPolicy.Permission, order: 61);
        services.AddScoped<PolicyVersions>();
        services.AddScoped<IPublishedPolicies>(provider => provider.GetRequiredService<PolicyVersions>());
        services.AddScoped<PublishPolicy.Form>();
        services.AddCommandsFrom(typeof(PrivacyModule).Assembly);

        services.AddPermission(PublishPlatformPolicy.Permission, "Publish the default policies every clinic shows", Roles.Operator);
        services.AddScoped<PlatformPolicies>();
        services.AddScoped<PublishPlatformPolicy.Handler>();
        services.AddRecurringJob<NotifyClinicsOfPlatformPolicies>(NotifyClinicsOfPlatformPolicies.Name, TimeSpan.FromMinutes(1));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

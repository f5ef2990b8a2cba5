using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Charting.Features.RecentNotes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Charting;

/// <summary>Treatment records: SOAP notes, products and lot numbers, photos, consents and plans.</summary>
public sealed class ChartingModule : IClinicModule
{
    public string Name => "Charting";

    public IReadOnlyList<string> DependsOn => ["Accounts"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(RecentNotes.Permission, "See clinical records", Roles.Owner, Roles.Clinician);
        services.AddMenuItem("Charts", "/charts", RecentNotes.Permission, order: 30);
        services.AddScoped<RecentNotes.Handler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Clients.Demo;
using Clinic.Modules.Clients.Directory;
using Clinic.Modules.Clients.Features.AddClient;
using Clinic.Modules.Clients.Features.ChangeConsent;
using Clinic.Modules.Clients.Features.ClientList;
using Clinic.Modules.Clients.Features.ClientProfile;
using Clinic.Modules.Clients.Features.EditClient;
using Clinic.Modules.Clients.Features.ImportClients;
using Clinic.Modules.Clients.Features.MergeClients;
using Clinic.Modules.Clients.Features.Portal;
using Clinic.Modules.Clients.Features.SearchClients;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Clients;

/// <summary>The client directory and clients' contact consents.</summary>
public sealed class ClientsModule : IClinicModule
{
    public string Name => "Clients";

    public IReadOnlyList<string> DependsOn => ["Accounts"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(ClientList.Permission, "See clients and their contact details", Roles.Owner, Roles.Reception, Roles.Clinician);
        services.AddMenuItem("Clients", "/clients", ClientList.Permission, order: 20);
        services.AddScoped<IClientDirectory, ClientDirectory>();
        services.AddScoped<IClientReach, ClientReachDirectory>();
        services.AddScoped<IClientSegments, ClientSegments>();
        services.AddScoped<ClientList.Handler>();
        services.AddScoped<SearchClients.Handler>();
        services.AddScoped<SearchesRecorded>();
        services.AddTopBarSearch(new TopBarSearch("Search clients", "/clients", SearchClients.SuggestionsPath, ClientList.Permission));
        services.AddPermission(AddClient.Permission, "Add clients and change their details", Roles.Owner, Roles.Reception);
        services.AddCommandsFrom(typeof(ClientsModule).Assembly);
        services.AddScoped<ClientProfile.Handler>();
        services.AddScoped<EditClient.Form>();
        services.AddScoped<ChangeConsent.Form>();
        services.AddScoped<ConsentHistory>();
        services.AddScoped<DuplicateClients.Handler>();
        services.AddScoped<MergeClients.Form>();
        services.AddScoped<ImportClients.Handler>();
        services.AddScoped<IStartupTask, DemoClients>();
        services.AddPermission(PortalHome.Permission, "See their own details and appointments in the client portal", Roles.Client);
        services.AddScoped<PortalHome.Handler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        SearchClients.Map(endpoints);
    }
}

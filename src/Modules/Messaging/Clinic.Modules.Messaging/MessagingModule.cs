using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Features.MessageLog;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Messaging;

/// <summary>Email, SMS and WhatsApp: confirmations, reminders, replies and consented marketing.</summary>
public sealed class MessagingModule : IClinicModule
{
    public string Name => "Messaging";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(MessageLog.Permission, "See messages sent to and received from clients", Roles.Owner, Roles.Reception);
        services.AddMenuItem("Messages", "/messages", MessageLog.Permission, order: 50);
        services.AddScoped<MessageLog.Handler>();
        services.AddChannels(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

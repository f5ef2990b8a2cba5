using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Consumers;
using Clinic.Modules.Messaging.Dispatch;
using Clinic.Modules.Messaging.Features.Callbacks;
using Clinic.Modules.Messaging.Features.Campaigns;
using Clinic.Modules.Messaging.Features.EditTemplate;
using Clinic.Modules.Messaging.Features.MessageDetails;
using Clinic.Modules.Messaging.Features.MessageLog;
using Clinic.Modules.Messaging.Features.MessageTemplates;
using Clinic.Modules.Messaging.Features.QuietHours;
using Clinic.Modules.Messaging.Features.StaffReply;
using Clinic.Modules.Messaging.Features.Unsubscribe;
using Clinic.Modules.Messaging.Inbound;
using Clinic.Modules.Messaging.Templates;
using Clinic.Modules.Messaging.Webhooks;
using Clinic.Modules.Messaging.Webhooks.Signatures;
using Clinic.Modules.Privacy.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Messaging;

/// <summary>Email, SMS and WhatsApp: confirmations, reminders, replies and consented marketing.</summary>
public sealed class MessagingModule : IClinicModule
{
    public string Name => "Messaging";

    public IReadOnlyList<string> DependsOn => ["Accounts", "Clients"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(MessageLog.Permission, "See messages sent to and received from clients", Roles.Owner, Roles.Reception);
        services.AddMenuItem("Messages", "/messages", MessageLog.Permission, order: 50);
        services.AddScoped<MessageLog.Handler>();
        services.AddPermission(MessageDetails.SendPermission, "Retry failed messages and answer clients", Roles.Owner, Roles.Reception);
        services.AddScoped<MessageDetails.Handler>();
        services.AddScoped<StaffReply.Handler>();
        services.AddScoped<Callbacks.Handler>();
        services.AddScoped<ChangeQuietHours.Form>();
        services.AddCommandsFrom(typeof(MessagingModule).Assembly);

        // Templates: a clinic's own words replace the built-in ones (Templates/TemplateSource), edited by the owner.
        services.AddPermission(MessageTemplates.Permission, "Edit message templates", Roles.Owner);
        services.AddScoped<TemplateSource>();
        services.AddScoped<MessageTemplates.Handler>();
        services.AddScoped<EditTemplate.Handler>();

        // Marketing: campaigns to consenting clients, queued a few per minute, and the unsubscribe link in each.
        services.AddPermission(Campaign.Permission, "Write and send marketing campaigns", Roles.Owner);
        services.AddScoped<Campaigns.Handler>();
        services.AddScoped<NewCampaign.Form>();
        services.AddScoped<CampaignDetails.Handler>();
        services.AddScoped<CampaignSegment>();
        services.AddScoped<CampaignText>();
        services.AddSingleton(QueueCampaignMessages.Limit.From(configuration));
        services.AddRecurringJob<QueueCampaignMessages>(QueueCampaignMessages.Name, TimeSpan.FromSeconds(15));
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<Unsubscribe.Handler>();

        // Dispatch: messages queued by the consumers below are prepared, sent and retried by one job (Dispatch/).
        services.AddSingleton(DispatchSettings.From(configuration));
        services.AddScoped<MessagePreparer>();
        services.AddScoped<MessageSender>();
        services.AddRecurringJob<DispatchMessages>(DispatchMessages.Name, TimeSpan.FromSeconds(5));

        // Providers and the clinic's channel settings (Channels/, Features/ChannelSettings/).
        services.AddChannels(configuration);

        // What comes back: delivery reports and clients' own messages (Inbound/).
        if (!string.IsNullOrEmpty(configuration[ResendWebhooks.LegacySecretKey]) && Settings.ParseEnum(configuration, "Clinic:Edition", Edition.SingleClinic) == Edition.MultiTenant)
            throw new ClinicConfigurationException(ResendWebhooks.LegacySecretKey, "unset in the MultiTenant edition, where each clinic saves its own Resend signing secret under Message channels");
        services.AddScoped<InboundMessages>();
        services.AddScoped<DeliveryReports>();
        services.AddSingleton<SvixSignature>();

        // Booking can be switched off: then no appointment is found, confirmed by a reply, or counted as a visit.
        services.AddFallback<IClientAppointments, NoAppointments>();
        services.AddFallback<IAppointmentReplies, NoAppointmentReplies>();
        services.AddFallback<IClientVisits, NoVisits>();

        // What other modules' events send (Consumers/).
        services.AddIntegrationEventHandler<PolicyPublished, TellOwnersOfPolicyChanges>();
        services.AddIntegrationEventHandler<AppointmentBooked, SendAppointmentMessages>();
        services.AddIntegrationEventHandler<AppointmentRescheduled, SendAppointmentMessages>();
        services.AddIntegrationEventHandler<AppointmentCancelled, SendAppointmentMessages>();
        services.AddIntegrationEventHandler<AppointmentNoShow, SendAppointmentMessages>();
        services.AddIntegrationEventHandler<AppointmentReminderDue, SendAppointmentMessages>();
        services.AddIntegrationEventHandler<WaitlistSlotOffered, SendWaitlistOffer>();
        services.AddIntegrationEventHandler<ConsultationRequested, AcknowledgeConsultationRequest>();
        services.AddIntegrationEventHandler<SignInLinkRequested, SendAccountEmails>();
        services.AddIntegrationEventHandler<StaffInvited, SendAccountEmails>();
        services.AddIntegrationEventHandler<NewDeviceSignedIn, SendAccountEmails>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        TwilioWebhooks.Map(endpoints);
        ResendWebhooks.Map(endpoints);
        EditTemplate.Map(endpoints);
        Unsubscribe.Map(endpoints);
    }
}

using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Booking.Features.ConsultationRequest;
using Clinic.Modules.Booking.Features.Enquiries;
using Clinic.Modules.Clients.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Booking.Enquiries;

internal static class EnquiryServices
{
    /// <summary>The consultation-request form, the staff inbox and the retention purge; a bad setting stops start-up.</summary>
    public static void AddEnquiries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EnquirySettings.From(configuration));
        services.AddRateLimiter(o => o.AddPolicy<string, ConsultationRequestPerIp>(ConsultationRequestPerIp.Policy));
        services.AddScoped<ConsultationRequest.Handler>();
        services.AddPermission(EnquiryInbox.Permission, "See consultation requests and convert them to clients", Roles.Owner, Roles.Reception);
        services.AddMenuItem("Enquiries", "/enquiries", EnquiryInbox.Permission, order: 15);
        services.AddScoped<EnquiryInbox.Handler>();
        services.AddScoped<OpenEnquiry.Handler>();
        services.AddScoped<ConvertEnquiry.Handler>();
        services.AddScoped<DismissEnquiry.Handler>();
        services.AddIntegrationEventHandler<ClientsMerged, MoveEnquiriesWhenClientsMerged>();
        services.AddRecurringJob<PurgeExpiredEnquiries>(PurgeExpiredEnquiries.Name, TimeSpan.FromHours(6));
    }
}

using Microsoft.Extensions.Configuration;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Booking.Enquiries;

/// <summary>How long enquiries are kept, and how many consultation requests one address may send.</summary>
internal sealed record EnquirySettings(TimeSpan Retention, int PermitLimit, TimeSpan Window)
{
    public const string RetentionKey = "Clinic:Booking:EnquiryRetention";
    public const string PerIpKey = "Clinic:RateLimits:ConsultationRequestPerIp";

    public static EnquirySettings From(IConfiguration configuration) => new(
        HostSettings.ParseDuration(configuration, RetentionKey, TimeSpan.FromDays(365), TimeSpan.FromDays(1), TimeSpan.FromDays(3650)),
        // A real person sends one request, maybe a correction; a clinic's waiting room may share one address.
        HostSettings.ParseCount(configuration, PerIpKey + ":PermitLimit", 5, min: 1, max: 10_000),
        HostSettings.ParseDuration(configuration, PerIpKey + ":Window", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)));
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Clinic.BuildingBlocks.Web;

/// <summary>The address emailed and texted links start with. Registered by the host.</summary>
public sealed class PublicAddress(IConfiguration configuration)
{
    // The single-clinic edition may sit behind a proxy whose public address is configured; in the SaaS edition each
    // clinic has its own host, so links go to the host the request came to.
    public string Of(HttpRequest request)
    {
        var configured = configuration["Clinic:PublicUrl"];
        var multiTenant = string.Equals(configuration["Clinic:Edition"], "MultiTenant", StringComparison.OrdinalIgnoreCase);
        var origin = $"{request.Scheme}://{request.Host}";
        return (!multiTenant && !string.IsNullOrWhiteSpace(configured) ? configured : origin).TrimEnd('/');
    }
}

using System.Net;
using Clinic.BuildingBlocks.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Clinic.Host.Web;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Clinic believes, so that rate limits,
/// the audit trail and secure cookies see the client and its scheme instead of the proxy. Anyone else's forwarded
/// headers are ignored: a client could otherwise pick its own address. Loopback is trusted too (a proxy on the same
/// machine), as ASP.NET Core does by default.
/// </summary>
internal static class TrustedProxies
{
    public const string ProxiesKey = "Clinic:ForwardedHeaders:KnownProxies";
    public const string NetworksKey = "Clinic:ForwardedHeaders:KnownNetworks";

    public static void AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Entries(configuration, ProxiesKey)
            .Select(e => IPAddress.TryParse(e.Value, out var address) && !e.Value.Contains('/', StringComparison.Ordinal)
                ? address
                : throw new ClinicConfigurationException(e.Key, $"an IP address such as 10.0.0.5 (got \"{e.Value}\")"))
            .ToList();
        var networks = Entries(configuration, NetworksKey)
            .Select(e => System.Net.IPNetwork.TryParse(e.Value, out var network)
                ? network
                : throw new ClinicConfigurationException(e.Key, $"a network in CIDR notation such as 10.0.0.0/8 (got \"{e.Value}\")"))
            .ToList();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Follow a chain of trusted proxies (a load balancer behind a CDN) back to the first address that is not one.
            options.ForwardLimit = null;
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
            foreach (var network in networks)
                options.KnownIPNetworks.Add(network);
        });
    }

    // A list, as configuration arrays arrive (KnownProxies:0, KnownProxies:1), or one comma-separated value.
    private static IEnumerable<(string Key, string Value)> Entries(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var children = section.GetChildren().ToList();
        if (children.Count > 0)
            return children.Select(c => (c.Path, (c.Value ?? "").Trim()));
        return (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (key, v));
    }
}

using System.Net;
using System.Net.Sockets;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Configuration;

namespace Clinic.BuildingBlocks.Security;

/// <summary>What looking up an address a clinic configured found: addresses Clinic may connect to, or why not.</summary>
public abstract record OutboundLookup
{
    private OutboundLookup()
    {
    }

    /// <summary>Every address the name has; connect only to these, never look the name up again (DNS rebinding).</summary>
    public sealed record Allowed(IReadOnlyList<IPAddress> Addresses) : OutboundLookup;

    /// <summary>At least one address is on a network the platform does not let clinics reach.</summary>
    public sealed record Refused(AddressRange Range) : OutboundLookup;

    /// <summary>The name does not resolve (or DNS did not answer in time).</summary>
    public sealed record NotFound : OutboundLookup;
}

/// <summary>
/// Where Clinic may connect on a clinic's behalf: a clinic's own mail server, or any other address a clinic can type.
/// In the SaaS edition a clinic must not reach the platform's own network (loopback, private, link-local and cloud
/// metadata addresses, and the like: <see cref="AddressRanges"/>), or the "send a test" button becomes a port scanner.
/// The operator may open networks by <c>Clinic:Outbound:AllowedNetworks</c> (CIDR, e.g. a relay at 10.0.5.0/24). The
/// single-clinic edition allows everything: a self-hosted clinic's mail relay is often on its own LAN. ADR 0019.
/// </summary>
public sealed class OutboundAddresses
{
    public const string AllowedNetworksKey = "Clinic:Outbound:AllowedNetworks";
    private static readonly TimeSpan LookupLimit = TimeSpan.FromSeconds(5);

    private readonly bool _guarded;
    private readonly IReadOnlyList<IPNetwork> _allowed;

    public OutboundAddresses(bool guarded, IReadOnlyList<IPNetwork> allowed)
    {
        _guarded = guarded;
        _allowed = allowed;
    }

    public static OutboundAddresses From(IConfiguration configuration, Edition edition)
    {
        var allowed = configuration.GetSection(AllowedNetworksKey).GetChildren()
            .Select(entry => IPNetwork.TryParse(entry.Value?.Trim(), out var network)
                ? network
                : throw new ClinicConfigurationException(entry.Path, $"a network in CIDR notation such as 10.0.5.0/24 or fd00::/8 (got \"{entry.Value}\")"))
            .ToList();
        return new OutboundAddresses(edition == Edition.MultiTenant, allowed);
    }

    /// <summary>The range that keeps Clinic from connecting to <paramref name="address"/>, or null when it may.</summary>
    public AddressRange? Refusal(IPAddress address)
    {
        if (!_guarded || _allowed.Any(network => network.Contains(address)))
            return null;
        var range = AddressRanges.Classify(address);
        return range == AddressRange.Public ? null : range;
    }

    /// <summary>
    /// Resolves <paramref name="host"/> (a name or an IP literal) and checks every address it has: one refused address
    /// refuses the host, so a name cannot mix a public address with an internal one.
    /// </summary>
    public async Task<OutboundLookup> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(LookupLimit);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, limit.Token);
            }
            catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return new OutboundLookup.NotFound();
            }
        }

        if (addresses.Length == 0)
            return new OutboundLookup.NotFound();
        foreach (var address in addresses)
        {
            if (Refusal(address) is { } range)
                return new OutboundLookup.Refused(range);
        }

        return new OutboundLookup.Allowed(addresses);
    }

    /// <summary>
    /// Whether a clinic may save <paramref name="host"/>: refused only where an address it has now is refused. A name that
    /// does not resolve yet is accepted; every connection checks again.
    /// </summary>
    public async Task<bool> RefusesAsync(string host, CancellationToken ct) =>
        _guarded && await ResolveAsync(host, ct) is OutboundLookup.Refused;
}

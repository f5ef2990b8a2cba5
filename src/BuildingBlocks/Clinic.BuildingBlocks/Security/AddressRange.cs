using System.Net;
using System.Net.Sockets;

namespace Clinic.BuildingBlocks.Security;

/// <summary>The kind of network an IP address belongs to; only <see cref="Public"/> is the open internet.</summary>
public enum AddressRange
{
    Public,

    /// <summary>127.0.0.0/8 and ::1: this very machine.</summary>
    Loopback,

    /// <summary>0.0.0.0/8 and ::: "this host"; connecting to 0.0.0.0 reaches the local machine on Linux.</summary>
    Unspecified,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique local addresses (fc00::/7).</summary>
    Private,

    /// <summary>100.64.0.0/10, carrier-grade NAT; some clouds put their own services there (100.100.100.200).</summary>
    SharedNat,

    /// <summary>169.254.0.0/16 and fe80::/10, where cloud metadata services live (169.254.169.254).</summary>
    LinkLocal,

    Multicast,

    /// <summary>Documentation, benchmarking, reserved and deprecated ranges, and IPv6 tunnels that can hide an IPv4 address.</summary>
    Reserved,
}

/// <summary>Classifies IP addresses by the special-purpose registries (RFC 6890 and its IPv6 counterparts).</summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Network, AddressRange Range)[] IPv4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressRange.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressRange.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressRange.SharedNat),
        (IPNetwork.Parse("127.0.0.0/8"), AddressRange.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressRange.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressRange.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressRange.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressRange.Reserved),
        (IPNetwork.Parse("192.88.99.0/24"), AddressRange.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressRange.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressRange.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), AddressRange.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), AddressRange.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressRange.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressRange.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressRange Range)[] IPv6 =
    [
        (IPNetwork.Parse("::/128"), AddressRange.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressRange.Loopback),
        // IPv4-compatible (deprecated), NAT64 for local use, discard-only, Teredo and documentation.
        (IPNetwork.Parse("::/96"), AddressRange.Reserved),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressRange.Reserved),
        (IPNetwork.Parse("100::/64"), AddressRange.Reserved),
        (IPNetwork.Parse("2001::/32"), AddressRange.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), AddressRange.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressRange.Private),
        (IPNetwork.Parse("fe80::/10"), AddressRange.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressRange.Reserved),
        (IPNetwork.Parse("ff00::/8"), AddressRange.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static AddressRange Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return Find(IPv4, address);

        // An IPv6 address that carries an IPv4 one reaches that IPv4 address, so it is what that address is.
        if (address.IsIPv4MappedToIPv6)
            return Classify(address.MapToIPv4());
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
            return Classify(new IPAddress(bytes.AsSpan(12, 4)));
        if (SixToFour.Contains(address))
            return Classify(new IPAddress(bytes.AsSpan(2, 4)));
        return Find(IPv6, address);
    }

    private static AddressRange Find((IPNetwork Network, AddressRange Range)[] ranges, IPAddress address)
    {
        foreach (var (network, range) in ranges)
        {
            if (network.Contains(address))
                return range;
        }

        return AddressRange.Public;
    }
}

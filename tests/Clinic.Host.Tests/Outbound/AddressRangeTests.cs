using System.Net;
using Clinic.BuildingBlocks.Security;
using Xunit;

namespace Clinic.Host.Tests.Outbound;

/// <summary>Which addresses count as the open internet, and which as some network a clinic must not reach in the SaaS edition.</summary>
public sealed class AddressRangeTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressRange.Loopback)]
    [InlineData("127.255.0.9", AddressRange.Loopback)]
    [InlineData("::1", AddressRange.Loopback)]
    [InlineData("0.0.0.0", AddressRange.Unspecified)]
    [InlineData("0.1.2.3", AddressRange.Unspecified)]
    [InlineData("::", AddressRange.Unspecified)]
    [InlineData("10.0.0.5", AddressRange.Private)]
    [InlineData("172.16.0.1", AddressRange.Private)]
    [InlineData("172.31.255.254", AddressRange.Private)]
    [InlineData("192.168.1.10", AddressRange.Private)]
    [InlineData("fd00:ec2::254", AddressRange.Private)]
    [InlineData("fc00::1", AddressRange.Private)]
    [InlineData("100.64.0.1", AddressRange.SharedNat)]
    [InlineData("100.100.100.200", AddressRange.SharedNat)]
    [InlineData("169.254.169.254", AddressRange.LinkLocal)]
    [InlineData("fe80::1", AddressRange.LinkLocal)]
    [InlineData("224.0.0.251", AddressRange.Multicast)]
    [InlineData("ff02::1", AddressRange.Multicast)]
    [InlineData("255.255.255.255", AddressRange.Reserved)]
    [InlineData("240.0.0.1", AddressRange.Reserved)]
    [InlineData("192.0.2.10", AddressRange.Reserved)]
    [InlineData("198.18.0.1", AddressRange.Reserved)]
    [InlineData("2001:db8::1", AddressRange.Reserved)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressRange.Reserved)]
    [InlineData("::127.0.0.1", AddressRange.Reserved)]
    public void Addresses_of_the_platforms_own_or_special_networks_are_classified_as_such(string address, AddressRange expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressRange.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressRange.LinkLocal)]
    [InlineData("::ffff:10.1.2.3", AddressRange.Private)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressRange.LinkLocal)]
    [InlineData("64:ff9b::7f00:1", AddressRange.Loopback)]
    [InlineData("2002:a00:1::1", AddressRange.Private)]
    [InlineData("2002:7f00:1::", AddressRange.Loopback)]
    public void An_IPv6_address_that_carries_an_IPv4_one_is_what_that_IPv4_address_is(string address, AddressRange expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("193.0.2.1")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.4.4")]
    [InlineData("64:ff9b::808:808")]
    public void Addresses_on_the_open_internet_are_public(string address) =>
        Assert.Equal(AddressRange.Public, AddressRanges.Classify(IPAddress.Parse(address)));

    [Fact]
    public void The_operator_can_open_one_network_while_the_rest_stay_refused()
    {
        var outbound = new OutboundAddresses(guarded: true, [IPNetwork.Parse("10.0.5.0/24")]);

        Assert.Null(outbound.Refusal(IPAddress.Parse("10.0.5.7")));
        Assert.Equal(AddressRange.Private, outbound.Refusal(IPAddress.Parse("10.0.6.7")));
        Assert.Equal(AddressRange.LinkLocal, outbound.Refusal(IPAddress.Parse("169.254.169.254")));
        Assert.Null(outbound.Refusal(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void The_single_clinic_edition_refuses_nothing_so_a_clinic_can_use_its_own_lan_relay() =>
        Assert.Null(new OutboundAddresses(guarded: false, []).Refusal(IPAddress.Parse("192.168.1.25")));
}

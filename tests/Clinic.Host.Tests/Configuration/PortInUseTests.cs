using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

public sealed class PortInUseTests
{
    [Fact]
    public async Task A_port_already_in_use_stops_start_up_with_one_line_naming_urls_and_the_port()
    {
        using var host = new HostProcess();
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var exit = await host.RunAsync(new Dictionary<string, string>(StringComparer.Ordinal), "--urls", $"http://127.0.0.1:{port}");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains("urls", line, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }
}

using Clinic.Host.Tests.Configuration;
using Xunit;

namespace Clinic.Host.Tests.Sessions;

/// <summary>A session length an operator got wrong stops start-up with one line naming the setting.</summary>
public sealed class SessionSettingsTests
{
    [Theory]
    [InlineData("Clinic__Sessions__IdleTimeout", "half an hour", "Clinic:Sessions:IdleTimeout")]
    [InlineData("Clinic__Sessions__IdleTimeout", "-00:30:00", "Clinic:Sessions:IdleTimeout")]
    [InlineData("Clinic__Sessions__AbsoluteLifetime", "forever", "Clinic:Sessions:AbsoluteLifetime")]
    public async Task A_bad_session_length_stops_start_up_with_one_line_naming_its_key(string variable, string value, string key)
    {
        using var host = new HostProcess();

        var exit = await host.RunAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [variable] = value }, "--urls", "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }
}

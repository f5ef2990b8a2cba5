using Clinic.Host.Tests.Configuration;
using Xunit;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>A lockout or rate-limit number an operator got wrong stops the real process, naming the key.</summary>
public sealed class SignInSettingsStartupTests
{
    [Theory]
    [InlineData("Clinic__SignIn__MaxFailedAttempts", "zero", "Clinic:SignIn:MaxFailedAttempts")]
    [InlineData("Clinic__SignIn__LockoutDuration", "fifteen minutes", "Clinic:SignIn:LockoutDuration")]
    [InlineData("Clinic__RateLimits__SignInPerIp__PermitLimit", "-1", "Clinic:RateLimits:SignInPerIp:PermitLimit")]
    public async Task A_bad_sign_in_setting_stops_start_up_with_one_line_naming_its_key(string variable, string value, string key)
    {
        using var host = new HostProcess();

        var exit = await host.RunAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [variable] = value }, "--urls", "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }
}

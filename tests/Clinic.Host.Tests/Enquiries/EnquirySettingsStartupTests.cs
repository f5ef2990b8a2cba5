using Clinic.Host.Tests.Configuration;
using Xunit;

namespace Clinic.Host.Tests.Enquiries;

/// <summary>A retention or rate-limit value an operator got wrong stops the real process, naming the key.</summary>
public sealed class EnquirySettingsStartupTests
{
    [Theory]
    [InlineData("Clinic__Booking__EnquiryRetention", "a year", "Clinic:Booking:EnquiryRetention")]
    [InlineData("Clinic__Booking__EnquiryRetention", "00:10:00", "Clinic:Booking:EnquiryRetention")]
    [InlineData("Clinic__RateLimits__ConsultationRequestPerIp__PermitLimit", "0", "Clinic:RateLimits:ConsultationRequestPerIp:PermitLimit")]
    public async Task A_bad_enquiry_setting_stops_start_up_with_one_line_naming_its_key(string variable, string value, string key)
    {
        using var host = new HostProcess();

        var exit = await host.RunAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [variable] = value }, "--urls", "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }
}

using Clinic.Modules.Clients.Contracts;
using Xunit;

namespace Clinic.Host.Tests.Clients;

public sealed class MobileNumberTests
{
    [Theory]
    [InlineData("03001234567", "+923001234567")]
    [InlineData("0300 1234567", "+923001234567")]
    [InlineData("0300-1234567", "+923001234567")]
    [InlineData("0300.1234567", "+923001234567")]
    [InlineData("(0300) 123-4567", "+923001234567")]
    [InlineData(" 0321 765 4321 ", "+923217654321")]
    [InlineData("3001234567", "+923001234567")]
    [InlineData("+923001234567", "+923001234567")]
    [InlineData("+92 300 1234567", "+923001234567")]
    [InlineData("+92 (300) 123-4567", "+923001234567")]
    [InlineData("+92 0300 1234567", "+923001234567")]
    [InlineData("00923001234567", "+923001234567")]
    [InlineData("0092 300 1234567", "+923001234567")]
    [InlineData("+44 7400 123456", "+447400123456")]
    [InlineData("00971 50 123 4567", "+971501234567")]
    public void A_number_written_as_people_write_it_is_stored_in_E164(string input, string expected)
    {
        Assert.True(MobileNumber.TryParse(input, out var number));
        Assert.Equal(expected, number.Value);
    }

    [Theory]
    [InlineData("042 35761234")]
    [InlineData("04235761234")]
    [InlineData("+92 42 35761234")]
    [InlineData("+92 51 2345678")]
    public void A_Pakistani_landline_is_refused(string input)
    {
        Assert.False(MobileNumber.TryParse(input, out _));
    }

    // The North American plan does not tell mobiles from landlines, so any valid US number has to pass.
    [Theory]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("001 201 555 0123", "+12015550123")]
    public void A_US_number_is_accepted_as_a_mobile(string input, string expected)
    {
        Assert.True(MobileNumber.TryParse(input, out var number));
        Assert.Equal(expected, number.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0300123456")]
    [InlineData("030012345678")]
    [InlineData("0421234567")]
    [InlineData("+92 300 123456")]
    [InlineData("+92 300 12345678")]
    [InlineData("+44 7700 900123")]
    [InlineData("0300 1234567 ext 2")]
    [InlineData("0300-CALLNOW")]
    [InlineData("call 03001234567")]
    [InlineData("03001234567+")]
    [InlineData("++923001234567")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+0 300 1234567")]
    [InlineData("٠٣٠٠١٢٣٤٥٦٧")]
    [InlineData("'; DROP TABLE clients_clients; --")]
    public void Anything_that_is_not_a_mobile_number_is_refused(string? input)
    {
        Assert.False(MobileNumber.TryParse(input, out var number));
        Assert.Null(number.Value);
    }
}

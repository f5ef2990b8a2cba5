using System.Text;
using Clinic.Modules.Accounts.TwoFactor;
using Xunit;

namespace Clinic.Host.Tests.TwoFactor;

/// <summary>The generator against RFC 6238 Appendix B, and the rules for accepting a typed code.</summary>
public sealed class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void The_SHA1_test_vectors_of_RFC_6238_are_reproduced(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcKey, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), 8));

    [Fact]
    public void Six_digit_codes_are_the_last_six_digits_of_the_eight()
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109));

        Assert.Equal("081804", Totp.Code(RfcKey, step));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void A_code_from_the_step_before_now_or_after_is_accepted(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now) + offset;

        Assert.Equal(step, Totp.Verify(RfcKey, Totp.Code(RfcKey, step), now, lastUsedStep: null));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void A_code_two_steps_away_is_refused(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);

        Assert.Null(Totp.Verify(RfcKey, Totp.Code(RfcKey, Totp.StepAt(now) + offset), now, lastUsedStep: null));
    }

    [Fact]
    public void A_code_already_used_in_its_step_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var code = Totp.Code(RfcKey, Totp.StepAt(now));

        var first = Totp.Verify(RfcKey, code, now, lastUsedStep: null);

        Assert.NotNull(first);
        Assert.Null(Totp.Verify(RfcKey, code, now, lastUsedStep: first));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Anything_but_six_digits_is_refused(string? code) =>
        Assert.Null(Totp.Verify(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(59), lastUsedStep: null));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_matches_RFC_4648_without_padding_and_reads_back(string text, string encoded)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        Assert.Equal(encoded, Base32.Encode(bytes));
        Assert.Equal(bytes, Base32.Decode(encoded.ToLowerInvariant()));
    }

    [Fact]
    public void The_key_is_shown_in_groups_of_four() =>
        Assert.Equal("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", Base32.Grouped(Base32.Encode(RfcKey)));
}

using Clinic.Modules.Messaging.Templates;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Templates;

/// <summary>SMS length in segments as carriers bill it: GSM-7 (160, then 153 per part) against UCS-2 (70, then 67).</summary>
public sealed class SmsLengthTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Plain_text_is_GSM_7_in_160_then_153_per_part(int characters, int segments)
    {
        var length = SmsLength.Of(new string('a', characters));

        Assert.Equal(("GSM-7", characters, segments), (length.Encoding, length.Characters, length.Segments));
    }

    [Fact]
    public void An_extension_character_counts_two_and_is_never_split_across_parts()
    {
        Assert.Equal((160, 1), Measure(new string('a', 158) + "€"));
        Assert.Equal((161, 2), Measure(new string('a', 159) + "{"));
        // 306 septets would fit two parts of 153, but the escape after 152 moves whole to the second part.
        var split = SmsLength.Of(new string('a', 152) + "[" + new string('a', 152));
        Assert.Equal((306, 3), (split.Characters, split.Segments));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Urdu_is_UCS_2_in_70_then_67_per_part(int characters, int segments)
    {
        var length = SmsLength.Of(new string('ی', characters));

        Assert.Equal(("UCS-2", characters, segments), (length.Encoding, length.Characters, length.Segments));
    }

    [Fact]
    public void One_character_outside_the_GSM_alphabet_makes_the_whole_text_UCS_2()
    {
        var length = SmsLength.Of(new string('a', 100) + "😀");

        Assert.Equal(("UCS-2", 102, 2), (length.Encoding, length.Characters, length.Segments));
    }

    private static (int Characters, int Segments) Measure(string text)
    {
        var length = SmsLength.Of(text);
        Assert.Equal("GSM-7", length.Encoding);
        return (length.Characters, length.Segments);
    }
}

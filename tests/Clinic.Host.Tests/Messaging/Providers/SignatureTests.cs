using Clinic.Modules.Messaging.Webhooks.Signatures;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>The webhook signature checks, against the providers' own published examples.</summary>
public sealed class SignatureTests
{
    private const string TwilioUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string TwilioExample = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    // Svix's documented example (docs.svix.com, "Verifying Webhooks"): secret, id, timestamp, body and signature.
    private const string SvixSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SvixId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string SvixTimestamp = "1614265330";
    private const string SvixBody = "{\"test\": 2432232314}";
    private const string SvixExample = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly KeyValuePair<string, string>[] TwilioParameters =
    [
        new("To", "+18005551212"),
        new("CallSid", "CA1234567890ABCDE"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("Caller", "+12349013030"),
    ];

    [Fact]
    public void Twilio_published_example_yields_its_published_signature()
    {
        Assert.Equal(TwilioExample, Convert.ToBase64String(TwilioSignature.Compute("12345", TwilioUrl, TwilioParameters)));
        Assert.True(TwilioSignature.IsValid("12345", TwilioUrl, TwilioParameters, TwilioExample));
    }

    [Theory]
    [InlineData("12346", TwilioUrl, "1234", TwilioExample)]
    [InlineData("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", "1234", TwilioExample)]
    [InlineData("12345", TwilioUrl, "1235", TwilioExample)]
    [InlineData("12345", TwilioUrl, "1234", "")]
    [InlineData("12345", TwilioUrl, "1234", "not base64!")]
    [InlineData("12345", TwilioUrl, "1234", "0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData("", TwilioUrl, "1234", TwilioExample)]
    public void Twilio_signature_fails_for_any_other_token_url_parameter_or_signature(string token, string url, string digits, string signature)
    {
        var parameters = TwilioParameters.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", digits) : p);

        Assert.False(TwilioSignature.IsValid(token, url, parameters, signature));
    }

    [Fact]
    public void Twilio_signature_fails_when_a_parameter_is_added()
    {
        Assert.False(TwilioSignature.IsValid("12345", TwilioUrl, [.. TwilioParameters, new("Body", "STOP")], TwilioExample));
    }

    [Fact]
    public void Svix_published_example_is_valid_at_its_own_time()
    {
        Assert.Equal(SvixVerdict.Valid, Svix(at: 1614265330).Verify(SvixSecret, SvixId, SvixTimestamp, SvixExample, SvixBody));
    }

    [Fact]
    public void Svix_accepts_a_list_with_one_matching_signature_among_others_as_during_a_key_rotation()
    {
        var signatures = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + SvixExample;

        Assert.Equal(SvixVerdict.Valid, Svix(at: 1614265330 + 299).Verify(SvixSecret, SvixId, SvixTimestamp, signatures, SvixBody));
    }

    [Theory]
    [InlineData(1614265330 + 301)]
    [InlineData(1614265330 - 301)]
    public void Svix_refuses_a_timestamp_more_than_five_minutes_from_now(long now)
    {
        Assert.Equal(SvixVerdict.TooOld, Svix(now).Verify(SvixSecret, SvixId, SvixTimestamp, SvixExample, SvixBody));
    }

    [Theory]
    [InlineData(SvixSecret, SvixId, SvixTimestamp, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "{\"test\": 2432232315}", nameof(SvixVerdict.BadSignature))]
    [InlineData(SvixSecret, "msg_other", SvixTimestamp, SvixExample, SvixBody, nameof(SvixVerdict.BadSignature))]
    [InlineData(SvixSecret, SvixId, SvixTimestamp, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", SvixBody, nameof(SvixVerdict.BadSignature))]
    [InlineData(SvixSecret, SvixId, SvixTimestamp, "v1,%%%", SvixBody, nameof(SvixVerdict.BadSignature))]
    [InlineData("whsec_bm90IHRoZSBrZXk=", SvixId, SvixTimestamp, SvixExample, SvixBody, nameof(SvixVerdict.BadSignature))]
    [InlineData("whsec_%%%", SvixId, SvixTimestamp, SvixExample, SvixBody, nameof(SvixVerdict.BadSecret))]
    [InlineData(SvixSecret, "", SvixTimestamp, SvixExample, SvixBody, nameof(SvixVerdict.MissingHeaders))]
    [InlineData(SvixSecret, SvixId, "", SvixExample, SvixBody, nameof(SvixVerdict.MissingHeaders))]
    [InlineData(SvixSecret, SvixId, SvixTimestamp, "", SvixBody, nameof(SvixVerdict.MissingHeaders))]
    [InlineData(SvixSecret, SvixId, "16142653e0", SvixExample, SvixBody, nameof(SvixVerdict.BadTimestamp))]
    public void Svix_refuses_anything_but_the_signed_id_timestamp_and_body(string secret, string id, string timestamp, string signature, string body, string expected)
    {
        Assert.Equal(Enum.Parse<SvixVerdict>(expected), Svix(at: 1614265330).Verify(secret, id, timestamp, signature, body));
    }

    private static SvixSignature Svix(long at) => new(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(at)));
}

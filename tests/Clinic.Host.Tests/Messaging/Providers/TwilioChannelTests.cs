using System.Text;
using Clinic.Modules.Messaging.Channels;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>SMS and WhatsApp through Twilio's Messages API, against a local server that speaks it.</summary>
public sealed class TwilioChannelTests
{
    private const string From = "+14155550100";
    private const string To = "+923001234567";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task An_sms_is_one_form_encoded_post_with_basic_auth_and_comes_back_with_twilios_sid()
    {
        await using var twilio = await StartedAsync();
        var callback = new Uri("https://clinic.example/webhooks/twilio/status");
        var result = await Channel(twilio, ChannelKind.Sms, statusCallback: callback).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        var request = Assert.Single(twilio.Requests);
        var sent = Assert.Single(twilio.Messages);
        Assert.Equal(new SendResult.Accepted(sent.Sid), result);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{twilio.AccountSid}/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")), request.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(["To", "From", "Body", "StatusCallback"], request.Form.Select(f => f.Key));
        Assert.Equal(To, request.Field("To"));
        Assert.Equal(From, request.Field("From"));
        Assert.Equal("Your appointment is tomorrow at 10:00.", request.Field("Body"));
        Assert.Equal(callback.AbsoluteUri, request.Field("StatusCallback"));
    }

    [Fact]
    public async Task Without_a_public_callback_url_no_status_callback_is_sent()
    {
        await using var twilio = await StartedAsync();
        await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Null(Assert.Single(twilio.Requests).Field("StatusCallback"));
    }

    [Fact]
    public async Task WhatsApp_addresses_both_numbers_with_the_whatsapp_prefix()
    {
        await using var twilio = await StartedAsync();
        var result = await Channel(twilio, ChannelKind.WhatsApp).SendAsync(ProviderChannels.Message(ChannelKind.WhatsApp, To), default);

        var request = Assert.Single(twilio.Requests);
        Assert.IsType<SendResult.Accepted>(result);
        Assert.Equal("whatsapp:" + To, request.Field("To"));
        Assert.Equal("whatsapp:" + From, request.Field("From"));
    }

    [Theory]
    [InlineData(FakeTwilio.InvalidNumber, "is not a valid phone number", "21211")]
    [InlineData(FakeTwilio.UnsubscribedNumber, "Attempt to send to unsubscribed recipient", "21610")]
    public async Task A_refused_recipient_is_permanent_with_twilios_own_text_and_is_not_retried(string to, string text, string code)
    {
        await using var twilio = await StartedAsync();
        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, to), default);

        var permanent = Assert.IsType<SendResult.Permanent>(result);
        Assert.Contains(text, permanent.Error, StringComparison.Ordinal);
        Assert.Contains(code, permanent.Error, StringComparison.Ordinal);
        Assert.Single(twilio.Requests);
        Assert.Empty(twilio.Messages);
    }

    [Fact]
    public async Task Bad_credentials_are_permanent_with_twilios_text()
    {
        await using var twilio = await StartedAsync();
        var result = await Channel(twilio, ChannelKind.Sms, token: "wrong-token").SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Equal("Authenticate (Twilio error 20003)", Assert.IsType<SendResult.Permanent>(result).Error);
        Assert.Single(twilio.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task An_explicit_busy_answer_with_a_short_retry_after_is_retried_and_sends_once(int status)
    {
        await using var twilio = await StartedAsync();
        twilio.Script(new ScriptedAnswer(status, FakeTwilio.Error(20429, "Too Many Requests", status), RetryAfter: "1"));

        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Equal(new SendResult.Accepted(Assert.Single(twilio.Messages).Sid), result);
        Assert.Equal(2, twilio.Requests.Count);
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_goes_back_to_the_dispatcher_with_that_wait()
    {
        await using var twilio = await StartedAsync();
        twilio.Script(new ScriptedAnswer(429, FakeTwilio.Error(20429, "Too Many Requests", 429), RetryAfter: "120"));

        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        var transient = Assert.IsType<SendResult.Transient>(result);
        Assert.Equal(TimeSpan.FromSeconds(120), transient.RetryAfter);
        Assert.Contains("Too Many Requests", transient.Error, StringComparison.Ordinal);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task A_retry_after_given_as_a_date_is_the_wait_from_the_apps_now_until_then()
    {
        await using var twilio = await StartedAsync();
        var twoMinutesOn = ProviderChannels.Now.AddMinutes(2).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        twilio.Script(new ScriptedAnswer(429, FakeTwilio.Error(20429, "Too Many Requests", 429), RetryAfter: twoMinutesOn));

        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Equal(TimeSpan.FromMinutes(2), Assert.IsType<SendResult.Transient>(result).RetryAfter);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task A_500_is_transient_and_not_retried_in_process_because_twilio_may_have_taken_the_message()
    {
        await using var twilio = await StartedAsync();
        twilio.Script(new ScriptedAnswer(500, FakeTwilio.Error(20500, "Internal Server Error", 500)));

        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Contains("Internal Server Error", Assert.IsType<SendResult.Transient>(result).Error, StringComparison.Ordinal);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task A_timeout_is_transient_and_the_post_is_never_repeated()
    {
        await using var twilio = await StartedAsync();
        twilio.Script(new ScriptedAnswer(201, "{}", Delay: TimeSpan.FromSeconds(10)));

        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Contains("did not answer in time", Assert.IsType<SendResult.Transient>(result).Error, StringComparison.Ordinal);
        Assert.Single(twilio.Requests);
    }

    [Theory]
    [InlineData(201, "<html>Gateway</html>", typeof(SendResult.Permanent), "may have been sent")]
    [InlineData(201, "{\"status\": \"queued\"}", typeof(SendResult.Permanent), "without a message sid")]
    [InlineData(502, "<html>Bad Gateway</html>", typeof(SendResult.Transient), "Twilio answered 502: <html>Bad Gateway</html>")]
    [InlineData(400, "not json at all", typeof(SendResult.Permanent), "Twilio answered 400: not json at all")]
    public async Task Garbage_answers_become_a_clear_result_never_an_exception(int status, string body, Type expected, string reason)
    {
        await using var twilio = await StartedAsync();
        twilio.Script(new ScriptedAnswer(status, body, ContentType: "text/html"));

        var result = await Channel(twilio, ChannelKind.Sms).SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.IsType(expected, result);
        Assert.Contains(reason, result is SendResult.Permanent p ? p.Error : ((SendResult.Transient)result).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        await using var twilio = await StartedAsync();
        var nobody = new Uri($"http://127.0.0.1:{SmtpSink.FreePort()}/");
        var api = new TwilioApi(Http, ProviderChannels.Resilience(twilio: nobody));
        var channel = new TwilioChannel(ChannelKind.Sms, new TwilioAccount(twilio.AccountSid, twilio.AuthToken, From), api);

        var result = await channel.SendAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.StartsWith("Could not reach Twilio", Assert.IsType<SendResult.Transient>(result).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_interrupted_attempt_the_sent_message_is_found_by_recipient_body_and_time()
    {
        await using var twilio = await StartedAsync();
        var channel = Channel(twilio, ChannelKind.WhatsApp);
        var message = ProviderChannels.Message(ChannelKind.WhatsApp, To);
        var other = ProviderChannels.Message(ChannelKind.WhatsApp, To, body: "A different reminder.");
        await channel.SendAsync(message, default);
        twilio.Reset();
        await channel.SendAsync(message with { Body = "Something else entirely." }, default);

        var found = await channel.FindSentAsync(message with { Body = "Something else entirely." }, default);
        var notFound = await channel.FindSentAsync(other, default);
        var tooOld = await channel.FindSentAsync(message with { Body = "Something else entirely.", AttemptStartedAt = ProviderChannels.Now.AddMinutes(5) }, default);

        Assert.Equal(new SentCheck.Found(twilio.Messages.Single().Sid), found);
        Assert.IsType<SentCheck.NotFound>(notFound);
        Assert.IsType<SentCheck.NotFound>(tooOld);
        var query = twilio.Requests.Last(r => r.Method == "GET");
        Assert.Equal($"/2010-04-01/Accounts/{twilio.AccountSid}/Messages.json", query.Path);
        Assert.Equal("whatsapp:" + To, query.Query["To"]);
        Assert.Equal(ProviderChannels.Now.AddMinutes(4).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), query.Query["DateSent>"]);
    }

    [Fact]
    public async Task A_failed_lookup_says_unknown_rather_than_guessing()
    {
        await using var twilio = await StartedAsync();
        twilio.Script(new ScriptedAnswer(200, "<html>maintenance</html>"));

        var check = await Channel(twilio, ChannelKind.Sms).FindSentAsync(ProviderChannels.Message(ChannelKind.Sms, To), default);

        Assert.Contains("unreadable", Assert.IsType<SentCheck.Unknown>(check).Reason, StringComparison.Ordinal);
    }

    private static async Task<FakeTwilio> StartedAsync()
    {
        var twilio = new FakeTwilio(() => ProviderChannels.Now);
        await twilio.StartAsync();
        return twilio;
    }

    private static TwilioChannel Channel(FakeTwilio twilio, ChannelKind kind, string? token = null, Uri? statusCallback = null) =>
        new(kind, new TwilioAccount(twilio.AccountSid, token ?? twilio.AuthToken, From, statusCallback),
            new TwilioApi(Http, ProviderChannels.Resilience(twilio: twilio.BaseUrl)));
}

using System.Text.Json;
using Clinic.Modules.Messaging.Channels;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>Email through Resend's <c>POST /emails</c>, against a local server that speaks it.</summary>
public sealed class ResendChannelTests
{
    private const string To = "sana@example.test";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task An_email_is_one_json_post_with_the_bearer_key_and_the_messages_idempotency_key()
    {
        await using var resend = await StartedAsync();
        var message = ProviderChannels.Message(ChannelKind.Email, To);

        var result = await Channel(resend).SendAsync(message, default);

        var request = Assert.Single(resend.Requests);
        var email = Assert.Single(resend.Emails);
        Assert.Equal(new SendResult.Accepted(email.Id), result);
        Assert.Equal(("POST", "/emails"), (request.Method, request.Path));
        Assert.Equal($"Bearer {resend.ApiKey}", request.Header("Authorization"));
        Assert.Equal(message.IdempotencyKey, request.Header("Idempotency-Key"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("\"Glow Clinic\" <hello@glow.example>", body.RootElement.GetProperty("from").GetString());
        Assert.Equal([To], body.RootElement.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Your appointment tomorrow", body.RootElement.GetProperty("subject").GetString());
        Assert.Equal(message.Body, body.RootElement.GetProperty("text").GetString());
        Assert.False(body.RootElement.TryGetProperty("headers", out _));
    }

    [Fact]
    public async Task Marketing_email_carries_one_click_unsubscribe_headers()
    {
        await using var resend = await StartedAsync();
        var message = ProviderChannels.Message(ChannelKind.Email, To, unsubscribe: "https://glow.example/unsubscribe/abc123");

        await Channel(resend).SendAsync(message, default);

        var headers = Assert.Single(resend.Emails).Request.GetProperty("headers");
        Assert.Equal("<https://glow.example/unsubscribe/abc123>", headers.GetProperty("List-Unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
    }

    [Fact]
    public async Task A_timeout_is_retried_with_the_same_key_and_resend_sends_the_email_once()
    {
        await using var resend = await StartedAsync();
        resend.Script(new ScriptedAnswer(200, "{}", Delay: TimeSpan.FromSeconds(10)));

        var result = await Channel(resend).SendAsync(ProviderChannels.Message(ChannelKind.Email, To), default);

        var email = Assert.Single(resend.Emails);
        Assert.Equal(new SendResult.Accepted(email.Id), result);
        Assert.Equal(2, resend.Requests.Count);
        Assert.Single(resend.Requests.Select(r => r.Header("Idempotency-Key")).Distinct());
    }

    [Theory]
    [InlineData(429, "rate_limit_exceeded", "1")]
    [InlineData(500, "internal_server_error", null)]
    public async Task A_busy_or_failing_resend_is_retried_and_the_email_then_sent(int status, string name, string? retryAfter)
    {
        await using var resend = await StartedAsync();
        resend.Script(new ScriptedAnswer(status, FakeResend.Error(status, name, "Try again."), RetryAfter: retryAfter));

        var result = await Channel(resend).SendAsync(ProviderChannels.Message(ChannelKind.Email, To), default);

        Assert.Equal(new SendResult.Accepted(Assert.Single(resend.Emails).Id), result);
        Assert.Equal(2, resend.Requests.Count);
    }

    [Fact]
    public async Task Resend_still_failing_after_the_retries_is_transient_with_its_own_text_and_wait()
    {
        await using var resend = await StartedAsync();
        var busy = new ScriptedAnswer(429, FakeResend.Error(429, "rate_limit_exceeded", "Too many requests. You can only make 2 requests per second."), RetryAfter: "1");
        resend.Script(busy, busy, busy);

        var result = await Channel(resend).SendAsync(ProviderChannels.Message(ChannelKind.Email, To), default);

        var transient = Assert.IsType<SendResult.Transient>(result);
        Assert.Equal("Too many requests. You can only make 2 requests per second. (Resend rate_limit_exceeded)", transient.Error);
        Assert.Equal(TimeSpan.FromSeconds(1), transient.RetryAfter);
        Assert.Equal(3, resend.Requests.Count);
        Assert.Empty(resend.Emails);
    }

    [Fact]
    public async Task A_wrong_api_key_is_permanent_with_resends_text()
    {
        await using var resend = await StartedAsync();

        var result = await Channel(resend, key: "re_wrong").SendAsync(ProviderChannels.Message(ChannelKind.Email, To), default);

        Assert.Equal("API key is invalid. (Resend invalid_api_key)", Assert.IsType<SendResult.Permanent>(result).Error);
        Assert.Single(resend.Requests);
    }

    [Fact]
    public async Task A_validation_error_is_permanent_with_resends_text()
    {
        await using var resend = await StartedAsync();
        resend.Script(new ScriptedAnswer(422, FakeResend.Error(422, "validation_error", "Invalid `to` field. The email address needs to follow the `email@example.com` format.")));

        var result = await Channel(resend).SendAsync(ProviderChannels.Message(ChannelKind.Email, "not-an-address"), default);

        Assert.StartsWith("Invalid `to` field.", Assert.IsType<SendResult.Permanent>(result).Error, StringComparison.Ordinal);
        Assert.Single(resend.Requests);
    }

    [Theory]
    [InlineData(200, "<html>ok</html>", typeof(SendResult.Transient), "without an email id")]
    [InlineData(400, "Bad Request", typeof(SendResult.Permanent), "Resend answered 400: Bad Request")]
    public async Task Garbage_answers_become_a_clear_result_never_an_exception(int status, string body, Type expected, string reason)
    {
        await using var resend = await StartedAsync();
        resend.Script(new ScriptedAnswer(status, body, ContentType: "text/html"), new ScriptedAnswer(status, body), new ScriptedAnswer(status, body));

        var result = await Channel(resend).SendAsync(ProviderChannels.Message(ChannelKind.Email, To), default);

        Assert.IsType(expected, result);
        Assert.Contains(reason, result is SendResult.Permanent p ? p.Error : ((SendResult.Transient)result).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_interrupted_attempt_resend_is_asked_again_because_the_same_key_cannot_send_twice()
    {
        await using var resend = await StartedAsync();
        var channel = Channel(resend);
        var message = ProviderChannels.Message(ChannelKind.Email, To);
        var first = await channel.SendAsync(message, default);

        var check = await channel.FindSentAsync(message, default);
        var again = await channel.SendAsync(message, default);

        Assert.IsType<SentCheck.NotFound>(check);
        Assert.Equal(first, again);
        Assert.Single(resend.Emails);
    }

    private static async Task<FakeResend> StartedAsync()
    {
        var resend = new FakeResend();
        await resend.StartAsync();
        return resend;
    }

    private static ResendChannel Channel(FakeResend resend, string? key = null) =>
        new(new ResendAccount(key ?? resend.ApiKey, "hello@glow.example", "Glow Clinic"),
            new ResendApi(Http, ProviderChannels.Resilience(resend: resend.BaseUrl)));
}

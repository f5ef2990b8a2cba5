using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>A clinic's Resend account: the API key and the sender it sends as.</summary>
internal sealed record ResendAccount(string ApiKey, string FromAddress, string? FromName);

/// <summary>
/// The typed HttpClient for Resend's <c>POST /emails</c>. Every request carries the message's idempotency key, and
/// Resend answers a repeated key (for 24 hours) with the first request's answer instead of sending again. That makes
/// retrying a timeout safe here, unlike Twilio.
/// </summary>
internal sealed class ResendApi(HttpClient http, ChannelResilience resilience)
{
    public async Task<SendResult> SendAsync(ResendAccount account, OutgoingMessage message, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            headers[MailHeaders.ListUnsubscribe] = $"<{unsubscribe}>";
            headers[MailHeaders.ListUnsubscribePost] = MailHeaders.OneClick;
        }

        var body = new ResendEmail(
            MailHeaders.Sender(account.FromAddress, account.FromName), [message.To], message.Subject ?? "", message.Body, headers.Count > 0 ? headers : null);
        var (answer, failure) = await ProviderHttp.SendAsync(
            resilience.Idempotent,
            http,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(resilience.Options.ResendBaseUrl, "emails"))
                {
                    Content = JsonContent.Create(body, options: ResendEmail.Json),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.ApiKey);
                request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
                return request;
            },
            "Resend",
            ct);
        if (failure is not null)
            return failure;

        using (answer)
            return await ReadAsync(answer!, ct);
    }

    private async Task<SendResult> ReadAsync(HttpResponseMessage answer, CancellationToken ct)
    {
        var text = await ProviderHttp.ReadAsync(answer, ct);
        var json = ProviderHttp.JsonObject(text);
        var status = (int)answer.StatusCode;
        if (answer.IsSuccessStatusCode)
        {
            // Repeating the request with the same key is answered, not sent again, so an unreadable answer is worth retrying.
            return json.Text("id") is { Length: > 0 } id
                ? new SendResult.Accepted(id)
                : new SendResult.Transient($"Resend answered {status} without an email id: {ProviderHttp.Shorten(text)}");
        }

        var error = json.Text("message") is { } message
            ? $"{message} (Resend {json.Text("name") ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : $"Resend answered {status}: {ProviderHttp.Shorten(text)}";
        error = ProviderHttp.Shorten(error);
        var busy = answer.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError
            || json.Text("name") == "concurrent_idempotent_requests";
        return busy
            ? new SendResult.Transient(error, resilience.RetryAfter(answer))
            : new SendResult.Permanent(error);
    }
}

/// <summary>
/// Email through Resend. <see cref="FindSentAsync"/> answers NotFound on purpose: sending again with the same
/// Idempotency-Key within Resend's 24-hour window returns the first email's id and sends nothing, so "send again" is
/// exactly the check. (A message stuck for over a day would need a person; the dispatcher never waits that long.)
/// </summary>
internal sealed class ResendChannel(ResendAccount account, ResendApi api) : IMessageChannel
{
    public ChannelKind Kind => ChannelKind.Email;

    public string Provider => "resend";

    public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct) => api.SendAsync(account, message, ct);

    public Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult<SentCheck>(new SentCheck.NotFound());
}

/// <summary>Resend's request body; absent headers are left out.</summary>
internal sealed record ResendEmail(
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string Text,
    IReadOnlyDictionary<string, string>? Headers)
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

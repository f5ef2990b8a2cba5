using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>A clinic's Twilio account (or SaaS subaccount) and the number it sends from, in E.164.</summary>
internal sealed record TwilioAccount(string AccountSid, string AuthToken, string FromNumber, Uri? StatusCallback = null);

/// <summary>
/// The typed HttpClient for Twilio's Messages resource: form-encoded POSTs with Basic auth. Twilio has no idempotency
/// key, so a POST is repeated only after Twilio answered 429 or 503; after a timeout the caller asks
/// <see cref="FindAsync"/> instead of sending blind.
/// </summary>
internal sealed class TwilioApi(HttpClient http, ChannelResilience resilience)
{
    public async Task<SendResult> SendAsync(TwilioAccount account, string to, string from, string body, CancellationToken ct)
    {
        var fields = new List<KeyValuePair<string, string>> { new("To", to), new("From", from), new("Body", body) };
        if (account.StatusCallback is { } callback)
            fields.Add(new("StatusCallback", callback.AbsoluteUri));

        var (answer, failure) = await ProviderHttp.SendAsync(
            resilience.AnsweredBusy,
            http,
            () => new HttpRequestMessage(HttpMethod.Post, MessagesUri(account, query: null))
            {
                Headers = { Authorization = Basic(account) },
                Content = new FormUrlEncodedContent(fields),
            },
            "Twilio",
            ct);
        if (failure is not null)
            return failure;

        using (answer)
        {
            var text = await ProviderHttp.ReadAsync(answer!, ct);
            var json = ProviderHttp.JsonObject(text);
            if (answer!.IsSuccessStatusCode)
            {
                // Twilio took something but its answer is unreadable: sending again could send twice, so a person decides.
                return json.Text("sid") is { Length: > 0 } sid
                    ? new SendResult.Accepted(sid)
                    : new SendResult.Permanent($"Twilio answered {(int)answer.StatusCode} without a message sid, so the message may have been sent; check Twilio's log before sending again. Answer: {ProviderHttp.Shorten(text)}");
            }

            var error = ProviderHttp.Shorten(Error(json, answer.StatusCode, text));
            return answer.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError
                ? new SendResult.Transient(error, resilience.RetryAfter(answer))
                : new SendResult.Permanent(error);
        }
    }

    /// <summary>
    /// Looks for a message to <paramref name="to"/> with this exact body created since <paramref name="since"/>. Twilio
    /// filters the list by the day it was sent (UTC), so the search starts the day of <paramref name="since"/>.
    /// </summary>
    public async Task<SentCheck> FindAsync(TwilioAccount account, string to, string body, DateTimeOffset since, CancellationToken ct)
    {
        var day = since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = $"To={Uri.EscapeDataString(to)}&{Uri.EscapeDataString("DateSent>")}={day}&PageSize=1000";
        var (answer, failure) = await ProviderHttp.SendAsync(
            resilience.Idempotent,
            http,
            () => new HttpRequestMessage(HttpMethod.Get, MessagesUri(account, query)) { Headers = { Authorization = Basic(account) } },
            "Twilio",
            ct);
        if (failure is not null)
            return new SentCheck.Unknown(failure.Error);

        using (answer)
        {
            var text = await ProviderHttp.ReadAsync(answer!, ct);
            var json = ProviderHttp.JsonObject(text);
            if (!answer!.IsSuccessStatusCode)
                return new SentCheck.Unknown(ProviderHttp.Shorten(Error(json, answer.StatusCode, text)));
            if (json is not { } list || !list.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
                return new SentCheck.Unknown($"Twilio's message list was unreadable: {ProviderHttp.Shorten(text)}");

            var wanted = Normalise(body);
            foreach (var sent in messages.EnumerateArray())
            {
                JsonElement? item = sent;
                if (Normalise(item.Text("body") ?? "") == wanted
                    && DateTimeOffset.TryParse(item.Text("date_created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
                    && created >= since
                    && item.Text("sid") is { Length: > 0 } sid)
                {
                    return new SentCheck.Found(sid);
                }
            }

            return new SentCheck.NotFound();
        }
    }

    private static string Normalise(string body) => body.ReplaceLineEndings("\n");

    private Uri MessagesUri(TwilioAccount account, string? query) =>
        new(resilience.Options.TwilioBaseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(account.AccountSid)}/Messages.json{(query is null ? "" : "?" + query)}");

    private static AuthenticationHeaderValue Basic(TwilioAccount account) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}")));

    // Twilio's errors are JSON: {"code": 21211, "message": "The 'To' number ... is not a valid phone number.", "status": 400, ...}.
    private static string Error(JsonElement? json, HttpStatusCode status, string text) =>
        json.Text("message") is { } message
            ? json.Text("code") is { } code ? $"{message} (Twilio error {code})" : message
            : $"Twilio answered {(int)status}: {text}";
}

/// <summary>SMS or WhatsApp through Twilio; WhatsApp addresses carry Twilio's <c>whatsapp:</c> prefix.</summary>
internal sealed class TwilioChannel(ChannelKind kind, TwilioAccount account, TwilioApi api) : IMessageChannel
{
    /// <summary>How long before the attempt a matching message still counts as that attempt's (clocks differ a little).</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);

    public ChannelKind Kind => kind;

    public string Provider => "twilio";

    public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct) =>
        api.SendAsync(account, Address(message.To), Address(account.FromNumber), message.Body, ct);

    public Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct) =>
        api.FindAsync(account, Address(message.To), message.Body, message.AttemptStartedAt - ClockSlack, ct);

    private string Address(string number) => kind == ChannelKind.WhatsApp ? "whatsapp:" + number : number;
}

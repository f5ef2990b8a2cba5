using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Clinic.Testing.Fakes;

/// <summary>A message the fake Twilio accepted.</summary>
public sealed record TwilioMessage(string Sid, string To, string From, string Body, DateTimeOffset DateCreated, string? StatusCallback);

/// <summary>
/// Twilio's Messages resource (2010-04-01) as documented: form-encoded POST and GET on
/// <c>/2010-04-01/Accounts/{AccountSid}/Messages.json</c> with Basic auth, JSON answers, and errors as
/// <c>{"code", "message", "more_info", "status"}</c>. Twilio's test numbers get their documented errors:
/// <see cref="InvalidNumber"/> 21211 and <see cref="UnsubscribedNumber"/> 21610. <paramref name="now"/> is Twilio's
/// clock, which dates each message: the clock of the app that sends through it.
/// </summary>
public sealed class FakeTwilio(Func<DateTimeOffset> now) : FakeProvider
{
    public const string InvalidNumber = "+15005550001";
    public const string UnsubscribedNumber = "+15005550004";

    private readonly ConcurrentQueue<TwilioMessage> _messages = new();
    private TwilioHold? _hold;

    public string AccountSid { get; } = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string AuthToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string MessagesPath => $"/2010-04-01/Accounts/{AccountSid}/Messages.json";

    public IReadOnlyList<TwilioMessage> Messages => [.. _messages];

    public static string Error(int code, string message, int status) => JsonSerializer.Serialize(new
    {
        code,
        message,
        more_info = $"https://www.twilio.com/docs/errors/{code}",
        status,
    });

    public override void Reset()
    {
        base.Reset();
        _messages.Clear();
        Interlocked.Exchange(ref _hold, null)?.Release();
    }

    /// <summary>
    /// The next message created is taken (listed from then on) but its answer waits until <see cref="TwilioHold.Release"/>
    /// or until the sender hangs up: Twilio has the message, and a sender that dies meanwhile never hears its sid.
    /// </summary>
    public TwilioHold HoldNextMessage()
    {
        var hold = new TwilioHold();
        Interlocked.Exchange(ref _hold, hold)?.Release();
        return hold;
    }

    protected override Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        if (!request.Path.StartsWith("/2010-04-01/Accounts/", StringComparison.Ordinal) || !request.Path.EndsWith("/Messages.json", StringComparison.Ordinal))
            return JsonAsync(context, 404, Error(20404, "The requested resource was not found", 404));
        if (request.Path != MessagesPath || !Authenticated(request))
            return JsonAsync(context, 401, Error(20003, "Authenticate", 401));

        return request.Method switch
        {
            "POST" => CreateAsync(context, request),
            "GET" => ListAsync(context, request),
            _ => JsonAsync(context, 405, Error(20004, "Method not allowed", 405)),
        };
    }

    private Task CreateAsync(HttpContext context, RecordedRequest request)
    {
        var to = request.Field("To");
        var from = request.Field("From");
        var body = request.Field("Body");
        if (string.IsNullOrEmpty(to))
            return JsonAsync(context, 400, Error(21604, "A 'To' phone number is required.", 400));
        if (string.IsNullOrEmpty(from))
            return JsonAsync(context, 400, Error(21603, "A 'From' phone number is required.", 400));
        if (string.IsNullOrEmpty(body))
            return JsonAsync(context, 400, Error(21602, "Message body is required.", 400));

        var number = to.StartsWith("whatsapp:", StringComparison.Ordinal) ? to["whatsapp:".Length..] : to;
        if (number == InvalidNumber || !number.StartsWith('+'))
            return JsonAsync(context, 400, Error(21211, $"The 'To' number {number} is not a valid phone number.", 400));
        if (number == UnsubscribedNumber)
            return JsonAsync(context, 400, Error(21610, "Attempt to send to unsubscribed recipient", 400));

        var message = new TwilioMessage("SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), to, from, body, now(), request.Field("StatusCallback"));
        _messages.Enqueue(message);
        return Interlocked.Exchange(ref _hold, null) is { } hold ? AnswerWhenReleasedAsync(context, hold, message) : JsonAsync(context, 201, Resource(message));
    }

    private async Task AnswerWhenReleasedAsync(HttpContext context, TwilioHold hold, TwilioMessage message)
    {
        if (await hold.TakeAsync(message, context.RequestAborted))
            await JsonAsync(context, 201, Resource(message));
    }

    // GET .../Messages.json?To=...&DateSent>=YYYY-MM-DD: Twilio's list filters by recipient and by the UTC day sent.
    private Task ListAsync(HttpContext context, RecordedRequest request)
    {
        var found = _messages.Where(m => !request.Query.TryGetValue("To", out var to) || m.To == to);
        if (request.Query.TryGetValue("DateSent>", out var since))
        {
            if (!DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return JsonAsync(context, 400, Error(20001, $"Invalid DateSent: {since}", 400));
            found = found.Where(m => DateOnly.FromDateTime(m.DateCreated.UtcDateTime) >= day);
        }

        var json = new StringBuilder("{\"messages\": [");
        json.AppendJoin(", ", found.Select(Resource));
        json.Append($"], \"page\": 0, \"page_size\": 1000, \"uri\": {JsonSerializer.Serialize(request.Path)}, \"next_page_uri\": null}}");
        return JsonAsync(context, 200, json.ToString());
    }

    private string Resource(TwilioMessage m) => JsonSerializer.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["sid"] = m.Sid,
        ["account_sid"] = AccountSid,
        ["to"] = m.To,
        ["from"] = m.From,
        ["body"] = m.Body,
        ["status"] = "queued",
        ["num_segments"] = "1",
        ["direction"] = "outbound-api",
        ["date_created"] = m.DateCreated.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        ["date_sent"] = m.DateCreated.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        ["error_code"] = null,
        ["error_message"] = null,
        ["uri"] = $"{MessagesPath.Replace(".json", "", StringComparison.Ordinal)}/{m.Sid}.json",
    });

    private bool Authenticated(RecordedRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
            return false;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])) == $"{AccountSid}:{AuthToken}";
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>One held answer: <see cref="Taken"/> completes with the message once Twilio has it.</summary>
public sealed class TwilioHold
{
    private readonly TaskCompletionSource<TwilioMessage> _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TwilioMessage> Taken => _taken.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Records the message as taken and waits; false when the sender hung up first, so there is no one to answer.</summary>
    internal async Task<bool> TakeAsync(TwilioMessage message, CancellationToken senderGone)
    {
        _taken.TrySetResult(message);
        try
        {
            await _released.Task.WaitAsync(senderGone);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

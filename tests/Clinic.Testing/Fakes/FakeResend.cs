using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Clinic.Testing.Fakes;

/// <summary>An email the fake Resend accepted, with the request's JSON as sent.</summary>
public sealed record ResendEmail(string Id, string IdempotencyKey, JsonElement Request);

/// <summary>
/// Resend's <c>POST /emails</c> as documented: bearer API key, JSON body, and Idempotency-Key: a repeated key with the
/// same body within 24 hours is answered with the first email's id and nothing is sent again; with a different body it
/// is refused (409 invalid_idempotent_request). Errors are <c>{"statusCode", "message", "name"}</c>.
/// </summary>
public sealed class FakeResend : FakeProvider
{
    private readonly ConcurrentDictionary<string, ResendEmail> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ResendEmail> _emails = new();
    private readonly Lock _sending = new();

    public string ApiKey { get; } = "re_" + Guid.NewGuid().ToString("N");

    /// <summary>Every email sent, once each, whatever was retried.</summary>
    public IReadOnlyList<ResendEmail> Emails => [.. _emails];

    public static string Error(int status, string name, string message) =>
        JsonSerializer.Serialize(new { statusCode = status, message, name });

    public override void Reset()
    {
        base.Reset();
        _byKey.Clear();
        _emails.Clear();
    }

    // A slow answer stands for "Resend sent it, and the answer was lost": the email exists before the client gives up.
    protected override void BeforeScriptedAnswer(RecordedRequest request, ScriptedAnswer answer)
    {
        if (answer.Delay is not null && request.Method == "POST" && request.Header("Idempotency-Key") is { } key && Parse(request.Body) is { } json)
            Send(key, json);
    }

    protected override Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        if (request.Path != "/emails" || request.Method != "POST")
            return JsonAsync(context, 404, Error(404, "not_found", "The requested endpoint does not exist."));
        var authorization = request.Header("Authorization");
        if (string.IsNullOrEmpty(authorization))
            return JsonAsync(context, 401, Error(401, "missing_api_key", "Missing API key in the authorization header."));
        if (authorization != $"Bearer {ApiKey}")
            return JsonAsync(context, 403, Error(403, "invalid_api_key", "API key is invalid."));
        var key = request.Header("Idempotency-Key");
        if (key is { Length: 0 or > 256 })
            return JsonAsync(context, 400, Error(400, "invalid_idempotency_key", "The key must be between 1-256 chars."));
        if (Parse(request.Body) is not { } json)
            return JsonAsync(context, 422, Error(422, "validation_error", "Invalid JSON body."));
        if (Missing(json) is { } field)
            return JsonAsync(context, 422, Error(422, "missing_required_field", $"Missing `{field}` field."));

        if (key is null)
            return JsonAsync(context, 200, JsonSerializer.Serialize(new { id = Send(Guid.NewGuid().ToString(), json).Id }));
        if (_byKey.TryGetValue(key, out var earlier) && earlier.Request.GetRawText() != json.GetRawText())
            return JsonAsync(context, 409, Error(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload."));
        return JsonAsync(context, 200, JsonSerializer.Serialize(new { id = Send(key, json).Id }));
    }

    private ResendEmail Send(string key, JsonElement json)
    {
        lock (_sending)
        {
            if (_byKey.TryGetValue(key, out var earlier))
                return earlier;
            var email = new ResendEmail(Guid.NewGuid().ToString(), key, json);
            _byKey[key] = email;
            _emails.Enqueue(email);
            return email;
        }
    }

    private static string? Missing(JsonElement json)
    {
        foreach (var field in (string[])["from", "to", "subject"])
        {
            if (!json.TryGetProperty(field, out _))
                return field;
        }

        return null;
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

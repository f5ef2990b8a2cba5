using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>One provider call through a retry pipeline, with every way it can fail turned into a result, never an exception.</summary>
internal static class ProviderHttp
{
    private const int LongestErrorText = 500;
    private const int LongestBody = 64 * 1024;

    /// <summary>The provider's answer, or the transient failure that stood in for one (timeout, refused connection).</summary>
    public static async Task<(HttpResponseMessage? Answer, SendResult.Transient? Failure)> SendAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline, HttpClient http, Func<HttpRequestMessage> request, string provider, CancellationToken ct)
    {
        try
        {
            var answer = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var message = request();
                    return await http.SendAsync(message, token);
                },
                ct);
            return (answer, null);
        }
        catch (TimeoutRejectedException)
        {
            return (null, new SendResult.Transient($"{provider} did not answer in time; the message may or may not have reached it."));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, new SendResult.Transient($"{provider} did not answer in time; the message may or may not have reached it."));
        }
        catch (HttpRequestException e)
        {
            return (null, new SendResult.Transient($"Could not reach {provider}: {Shorten(e.Message)}"));
        }
    }

    /// <summary>The answer's body as text, cut at a size no provider answer needs, so a runaway body cannot exhaust memory.</summary>
    public static async Task<string> ReadAsync(HttpResponseMessage answer, CancellationToken ct)
    {
        await using var stream = await answer.Content.ReadAsStreamAsync(ct);
        var buffer = new char[LongestBody];
        using var reader = new StreamReader(stream);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }

    /// <summary>The body as a JSON object, or null for anything else (HTML error pages, truncated text, garbage).</summary>
    public static JsonElement? JsonObject(string body)
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

    public static string? Text(this JsonElement? element, string property) =>
        element is { } e && e.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>A provider's text made safe to store and show: one line, bounded length.</summary>
    public static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= LongestErrorText ? line : line[..LongestErrorText] + "…";
    }
}

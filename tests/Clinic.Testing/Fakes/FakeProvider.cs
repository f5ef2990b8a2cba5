using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Testing.Fakes;

/// <summary>One request as the fake provider received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public string? Field(string name) => Form.FirstOrDefault(f => f.Key == name).Value;
}

/// <summary>
/// An answer scripted for the next request, in place of the provider's normal behaviour: an error status with the
/// provider's documented body, a Retry-After, a body that is not JSON, or a wait longer than the client's timeout.
/// </summary>
public sealed record ScriptedAnswer(int Status, string Body, string? RetryAfter = null, TimeSpan? Delay = null, string ContentType = "application/json");

/// <summary>
/// A provider's HTTP API on 127.0.0.1 and a free port (real Kestrel, real sockets), recording every request and
/// answering as the provider documents. Thread-safe, so dispatch tests and benchmarks can hammer it.
/// </summary>
public abstract class FakeProvider : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers the next requests with these, in order, before going back to normal behaviour.</summary>
    public void Script(params ScriptedAnswer[] answers)
    {
        foreach (var answer in answers)
            _script.Enqueue(answer);
    }

    /// <summary>Forgets recorded requests and unused scripted answers, for a test that shares the fake.</summary>
    public virtual void Reset()
    {
        _requests.Clear();
        _script.Clear();
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The provider's normal behaviour for a request no script answers.</summary>
    protected abstract Task AnswerAsync(HttpContext context, RecordedRequest request);

    protected static Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    /// <summary>Runs before a scripted answer is given; Resend's fake uses it to record an email whose answer is then lost.</summary>
    protected virtual void BeforeScriptedAnswer(RecordedRequest request, ScriptedAnswer answer)
    {
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context.Request);
        _requests.Enqueue(request);
        if (_script.TryDequeue(out var answer))
        {
            BeforeScriptedAnswer(request, answer);
            if (answer.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            if (answer.RetryAfter is not null)
                context.Response.Headers.RetryAfter = answer.RetryAfter;
            await context.Response.WriteAsync(answer.Body);
            return;
        }

        await AnswerAsync(context, request);
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var form = new List<KeyValuePair<string, string>>();
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (name, values) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body))
                form.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v ?? "")));
        }

        return new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            body,
            form);
    }
}

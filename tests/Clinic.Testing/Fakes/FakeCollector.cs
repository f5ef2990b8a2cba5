using Microsoft.AspNetCore.Http;

namespace Clinic.Testing.Fakes;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, protobuf), keeping
/// what it is sent. Protobuf stores strings as their UTF-8 bytes, so a span's name, route or SQL can be looked for
/// in the raw export without decoding it.
/// </summary>
public sealed class FakeCollector : FakeProvider
{
    /// <summary>Everything exported as traces so far, one export after another.</summary>
    public string Traces => string.Concat(Requests.Where(r => r.Path == "/v1/traces").Select(r => r.Body));

    /// <summary>Everything exported, traces and metrics.</summary>
    public string Everything => string.Concat(Requests.Select(r => r.Body));

    // An empty Export*ServiceResponse: every item accepted.
    protected override Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
        return Task.CompletedTask;
    }
}

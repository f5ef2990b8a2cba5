using System.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz.Diagnostics;

namespace Clinic.Host.Hosting;

/// <summary>
/// Traces and metrics over OTLP, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector: requests, outgoing
/// HTTP calls, PostgreSQL commands and background jobs. Nothing of a client's record goes out (ADR 0033).
/// </summary>
internal static class ClinicTelemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddClinicTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
            return;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "clinic"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = (activity, response) => NameThePathByItsRoute(activity, response.HttpContext))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(QuartzInstrumentation.ActivitySourceName)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(QuartzInstrumentation.MeterName)
                .AddOtlpExporter());
    }

    // Secret links carry their token in the path (/sign-in/link/{Token}, /invite/{Token}, /booking/manage/{Token}...),
    // and other paths carry record ids. A span says which route answered, never the path that was asked for;
    // a request no route matched says nothing of its path. Query strings are dropped as well.
    private static void NameThePathByItsRoute(Activity activity, HttpContext context)
    {
        activity.SetTag("url.path", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        activity.SetTag("url.query", null);
    }
}

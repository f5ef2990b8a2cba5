using System.Net;
using Microsoft.Net.Http.Headers;

namespace Clinic.Host.Web;

/// <summary>A browser asking for a page gets a readable error page; API clients keep RFC 9457 JSON.</summary>
internal sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var title = WebUtility.HtmlEncode(problem.Title ?? ReasonPhrase(status));
        var detail = problem.Detail is null ? "" : $"<p>{WebUtility.HtmlEncode(problem.Detail)}</p>";
        var response = context.HttpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        return new ValueTask(response.WriteAsync(
            $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Clinic</title><link rel="stylesheet" href="/css/app.css"></head>
            <body><div class="public"><main id="main" class="content auth"><div class="auth-card">
            <h1>{title}</h1>{detail}<p class="muted">Error {status} · reference {WebUtility.HtmlEncode(context.HttpContext.TraceIdentifier)}</p>
            <p><a class="btn" href="/">Go to the home page</a></p>
            </div></main></div></body></html>
            """));
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Something went wrong";
}

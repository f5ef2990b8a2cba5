using Microsoft.AspNetCore.Antiforgery;

namespace Clinic.Host.Web;

/// <summary>
/// What every posted form goes through before any page or endpoint sees it: a body that cannot be read, and a post
/// whose antiforgery token the framework found wanting, get a 400 here, in one place.
/// </summary>
internal static class FormGuards
{
    /// <summary>
    /// Reads a form body once, up front. A null character, a value over the length limit or a truncated multipart
    /// body makes the framework's reader throw; an endpoint reading the form itself (a webhook checking a signature)
    /// would otherwise turn that into a 500. The form read here is the one every later reader gets.
    /// </summary>
    public static IApplicationBuilder UseReadableForms(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    // IOException covers a truncated multipart body, and BadHttpRequestException a body over its size limit (413).
                    if (context.RequestAborted.IsCancellationRequested)
                        return;
                    await Results.Problem(statusCode: e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest, title: "The form could not be read.",
                        detail: "It holds a character forms may not carry, a value that is too long, or it was cut short.").ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });

    /// <summary>
    /// Refuses a post to an endpoint that requires an antiforgery token when the token is missing or not this
    /// browser's. The framework's middleware only records its verdict; pages act on it, but an endpoint that binds
    /// no form (sign-out) never looks, so a sibling site could end a session.
    /// </summary>
    public static IApplicationBuilder UseForgedPostRefusal(this IApplicationBuilder app) =>
        app.Use((context, next) => context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This form has expired or came from another site.",
                detail: "Go back, reload the page and try again.").ExecuteAsync(context)
            : next(context));
}

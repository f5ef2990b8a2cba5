using Microsoft.AspNetCore.Components.Forms.Mapping;
using Microsoft.AspNetCore.Diagnostics;

namespace Clinic.Host.Web;

/// <summary>
/// A posted field the framework cannot turn into its property's type (<c>Input.Hours[0].Weekday=x</c>, a word for a
/// number) stops the request with a 400 naming the field. Left to the framework, the error is only noted and the
/// page's submit handler still runs on a half-filled request, which is how a stray value reached a
/// NullReferenceException or could be stored as a default. Pages render their own fields, so an honest browser
/// never sends such a value; a refusal that names the field is enough.
/// </summary>
internal static class FormBinding
{
    /// <summary>Wraps the framework's <see cref="IFormValueMapper"/> for every page and component that binds a form.</summary>
    public static void RefuseUnreadableFields(this IServiceCollection services)
    {
        var framework = services.Single(d => d.ServiceType == typeof(IFormValueMapper));
        services.Remove(framework);
        services.Add(ServiceDescriptor.Describe(typeof(IFormValueMapper), provider => new RefusingMapper(Create(provider, framework)), framework.Lifetime));
        services.AddExceptionHandler<UnreadableFieldHandler>();
    }

    private static IFormValueMapper Create(IServiceProvider provider, ServiceDescriptor descriptor) => (IFormValueMapper)(
        descriptor.ImplementationFactory?.Invoke(provider)
        ?? descriptor.ImplementationInstance
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    private sealed class RefusingMapper(IFormValueMapper framework) : IFormValueMapper
    {
        public bool CanMap(Type valueType, string scopeName, string? formName) => framework.CanMap(valueType, scopeName, formName);

        public void Map(FormValueMappingContext context)
        {
            string? unreadable = null;
            var record = context.OnError;
            context.OnError = (field, message, value) =>
            {
                unreadable ??= field;
                record?.Invoke(field, message, value);
            };
            framework.Map(context);
            if (unreadable is not null)
                throw new UnreadableFieldException(unreadable);
        }
    }

    private sealed class UnreadableFieldHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not UnreadableFieldException unreadable)
                return false;
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "The form could not be read.", Detail = unreadable.Message },
            });
        }
    }
}

/// <summary>A posted form field whose value its property's type cannot hold.</summary>
internal sealed class UnreadableFieldException(string field)
    : Exception($"{field} does not hold a value this field accepts. Reload the page and try again.")
{
    public string Field { get; } = field;
}

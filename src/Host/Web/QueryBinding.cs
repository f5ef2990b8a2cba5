using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Clinic.Host.Web;

/// <summary>
/// A query value that a page's <c>[SupplyParameterFromQuery]</c> property cannot hold (<c>?saved=x</c> for a
/// bool) gets a 400 naming the parameter before the page runs: the framework would throw while rendering, a 500.
/// The check follows the framework's rules: invariant culture, the first value unless the property is an array,
/// and an empty value read as null only where null fits.
/// </summary>
internal static class QueryBinding
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> Declared = new();

    public static IApplicationBuilder UseReadableQueries(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var query = context.Request.Query;
            if (query.Count > 0 && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page
                && Declared.GetOrAdd(page.Type, ParametersOf).FirstOrDefault(p => !Readable(query[p.Name], p.Type)) is { Name: not null } unreadable)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The address could not be read.",
                    detail: $"The query parameter \"{unreadable.Name}\" does not hold a value this page accepts.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>The page's query parameters of a type other than text, which is the only kind that cannot fail.</summary>
    private static IReadOnlyList<(string Name, Type Type)> ParametersOf(Type page) =>
        [.. page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Query is not null && p.Property.PropertyType != typeof(string))
            .Select(p => (p.Query!.Name ?? p.Property.Name, p.Property.PropertyType))];

    private static bool Readable(Microsoft.Extensions.Primitives.StringValues values, Type type)
    {
        if (values.Count == 0)
            return true;
        return type.IsArray
            ? values.All(v => Parses(v ?? "", type.GetElementType()!))
            : Parses(values[0] ?? "", type);
    }

    private static bool Parses(string value, Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            if (value.Length == 0)
                return true;
            type = underlying;
        }

        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => true,
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            _ when type == typeof(float) => float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            _ when type == typeof(Guid) => Guid.TryParse(value, out _),
            _ when type == typeof(DateTime) => DateTime.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when type == typeof(TimeOnly) => TimeOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            // A type the framework reads by rules not mirrored here: let it decide.
            _ => true,
        };
    }
}

using Clinic.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;

namespace Clinic.BuildingBlocks.Work;

/// <summary>
/// An outcome as an endpoint answers it; refusals are RFC 9457 problem details that name the fields, in their errors
/// and in their detail, which the site's error page shows to a person whose browser posted the form.
/// </summary>
public static class OutcomeResults
{
    /// <param name="location">Where a created resource can be read, for the 201's Location header.</param>
    public static IResult ToHttpResult<T>(this Outcome<T> outcome, Func<T, string>? location = null) => outcome.Kind switch
    {
        OutcomeKind.Done => TypedResults.Ok(outcome.Value),
        OutcomeKind.Created => TypedResults.Created(location?.Invoke(outcome.Value!), outcome.Value),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors.ToProblem(), detail: Detail(outcome.Errors)),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        _ => TypedResults.Problem(new HttpValidationProblemDetails(outcome.Errors.ToProblem())
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The change conflicts with the current data.",
        }),
    };

    /// <summary>"Field: message" for each field at fault, one after another.</summary>
    private static string Detail(FormErrors errors) =>
        string.Join(" ", errors.ToProblem().Select(e => string.IsNullOrEmpty(e.Key) ? e.Value[0] : $"{e.Key}: {e.Value[0]}"));
}

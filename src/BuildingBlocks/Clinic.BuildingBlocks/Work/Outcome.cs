using Clinic.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;

namespace Clinic.BuildingBlocks.Work;

/// <summary>What a change came to: done (200, or 201 for something new), or refused as invalid (400), not found (404) or in conflict (409).</summary>
public enum OutcomeKind
{
    Done,
    Created,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// The one result of a unit of work. A handler returns its value (done), <see cref="Outcome.Created{T}"/>, or one of
/// <see cref="Outcome"/>'s refusals; only a done or created outcome is committed.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(OutcomeKind kind, T? value, FormErrors errors, bool recorded = false)
    {
        Kind = kind;
        Value = value;
        Errors = errors;
        Commits = kind is OutcomeKind.Done or OutcomeKind.Created || recorded;
    }

    public OutcomeKind Kind { get; }

    /// <summary>The handler's value; set only when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>What was wrong, by field (a conflict that is no field's fault uses the empty field name).</summary>
    public FormErrors Errors { get; }

    public bool Succeeded => Kind is OutcomeKind.Done or OutcomeKind.Created;

    /// <summary>Whether the unit of work commits: every success, and a refusal the handler marked <see cref="Refusal.Recorded"/>.</summary>
    public bool Commits { get; }

    public int StatusCode => Kind switch
    {
        OutcomeKind.Done => StatusCodes.Status200OK,
        OutcomeKind.Created => StatusCodes.Status201Created,
        OutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    public static implicit operator Outcome<T>(T value) => new(OutcomeKind.Done, value, FormErrors.None);

    public static implicit operator Outcome<T>(Refusal refusal) => new(refusal.Kind, default, refusal.Errors, refusal.IsRecorded);

    internal static Outcome<T> CreatedWith(T value) => new(OutcomeKind.Created, value, FormErrors.None);
}

/// <summary>A refusal, whatever the handler's value type: <c>return Outcome.NotFound;</c>.</summary>
public readonly record struct Refusal(OutcomeKind Kind, FormErrors Errors)
{
    public bool IsRecorded { get; private init; }

    /// <summary>
    /// A refusal that is itself a fact to keep: what the handler wrote and its audit entries commit, and the answer is
    /// still the refusal. A wrong password is refused, and the failed attempt counts towards a lockout and stays in the trail.
    /// </summary>
    public Refusal Recorded() => this with { IsRecorded = true };
}

public static class Outcome
{
    public static Refusal NotFound => new(OutcomeKind.NotFound, FormErrors.None);

    public static Outcome<T> Created<T>(T value) => Outcome<T>.CreatedWith(value);

    public static Refusal Invalid(FormErrors errors) => new(OutcomeKind.Invalid, errors);

    public static Refusal Invalid(string field, string message) => Invalid(FormErrors.Of(field, message));

    /// <summary>The request was valid but the data has moved on (the slot was taken, the record changed).</summary>
    public static Refusal Conflict(string message, string field = "") => new(OutcomeKind.Conflict, FormErrors.Of(field, message));
}

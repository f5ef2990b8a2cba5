using FluentValidation.Results;

namespace Clinic.BuildingBlocks.Web;

/// <summary>Validation messages by field, for re-rendering a form next to the inputs that caused them.</summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new([]);

    private readonly Dictionary<string, string> _byField;

    private FormErrors(Dictionary<string, string> byField) => _byField = byField;

    public bool Any => _byField.Count > 0;

    public static FormErrors From(ValidationResult result) =>
        new(result.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ErrorMessage, StringComparer.Ordinal));

    /// <summary>One message for one field.</summary>
    public static FormErrors Of(string field, string message) => new(new(StringComparer.Ordinal) { [field] = message });

    public string? For(string field) => _byField.GetValueOrDefault(field);

    /// <summary>The value for aria-invalid: "true" on a field with an error, otherwise no attribute.</summary>
    public string? Invalid(string field) => _byField.ContainsKey(field) ? "true" : null;

    /// <summary>As an RFC 9457 validation problem lists them.</summary>
    public IDictionary<string, string[]> ToProblem() => _byField.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal);
}

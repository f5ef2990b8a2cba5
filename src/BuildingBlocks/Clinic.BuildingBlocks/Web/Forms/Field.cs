using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Clinic.BuildingBlocks.Web.Forms;

/// <summary>
/// What every field shares: a label, an optional hint, and an error element that is always rendered, so the
/// control's aria-describedby always points at something; aria-invalid is set from the form's errors.
/// </summary>
public abstract class Field : ComponentBase
{
    /// <summary>The command's property, e.g. <c>nameof(Request.FirstName)</c>; posted as <c>Input.FirstName</c>.</summary>
    [Parameter, EditorRequired] public string For { get; set; } = "";

    [Parameter, EditorRequired] public string Label { get; set; } = "";

    /// <summary>The control's id; by default the property's name in kebab case (FirstName: first-name).</summary>
    [Parameter] public string? Id { get; set; }

    [Parameter] public string? Hint { get; set; }

    /// <summary>Any other attribute of the control (required, maxlength, autocomplete).</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    [CascadingParameter] private FormErrors? Errors { get; set; }

    protected string ControlId => Id ?? Kebab(For);

    protected string Name => "Input." + For;

    protected string? Error => Errors?.For(For);

    protected string? Invalid => Error is null ? null : "true";

    protected string DescribedBy => Hint is null ? $"{ControlId}-error" : $"{ControlId}-hint {ControlId}-error";

    private static string Kebab(string name)
    {
        var kebab = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && kebab.Length > 0)
                kebab.Append('-');
            kebab.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return kebab.ToString();
    }
}

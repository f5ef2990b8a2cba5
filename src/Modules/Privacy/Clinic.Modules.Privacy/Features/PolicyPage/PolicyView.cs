using Clinic.BuildingBlocks.Time;
using Microsoft.AspNetCore.Components;

namespace Clinic.Modules.Privacy.Features.PolicyPage;

/// <summary>A rendered policy with its "last updated" line; the HTML comes from PolicyMarkdown, which lets no markup through.</summary>
internal static class PolicyView
{
    public static RenderFragment Render(string html, DateOnly updatedOn) => builder =>
    {
        builder.OpenElement(0, "article");
        builder.AddAttribute(1, "class", "policy");
        builder.OpenElement(2, "p");
        builder.AddAttribute(3, "class", "policy-updated");
        builder.AddContent(4, "Last updated: " + ClinicDates.Date(updatedOn));
        builder.CloseElement();
        builder.AddMarkupContent(5, html);
        builder.CloseElement();
    };
}

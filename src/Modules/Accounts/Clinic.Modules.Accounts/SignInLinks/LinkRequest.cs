using Clinic.BuildingBlocks.Web;
using FluentValidation;

namespace Clinic.Modules.Accounts.SignInLinks;

/// <summary>"Email me a sign-in link": the one field both staff and clients fill in, and where the link will point.</summary>
internal abstract class LinkRequest
{
    public string? Email { get; set; }

    /// <summary>Where the clinic is reached, e.g. "https://a.clinic.example": the page's address, never from the form.</summary>
    public string PublicAddress { get; set; } = "";

    internal sealed class Validator : AbstractValidator<LinkRequest>
    {
        public Validator() =>
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.")
                .SingleLine("Email", 254)
                .EmailAddress().WithMessage("Enter a valid email address.");
    }
}

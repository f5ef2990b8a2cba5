using Clinic.Modules.Messaging.Templates;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Templates;

/// <summary>The shipped catalogue: every kind in both languages for email and text, each using only its kind's placeholders.</summary>
public sealed class BuiltInTemplatesTests
{
    private static readonly bool[] EmailAndText = [true, false];

    [Fact]
    public void Every_kind_ships_in_English_and_Urdu_for_email_and_text()
    {
        Assert.Empty(BuiltInTemplates.Missing());
    }

    [Fact]
    public void Every_built_in_template_uses_only_the_placeholders_its_kind_offers()
    {
        var offences =
            from kind in MessageKinds.All
            from email in EmailAndText
            from language in BuiltInTemplates.Languages
            let template = BuiltInTemplates.For(kind.Key, email, language)
            from unknown in TemplateRenderer.Unknown((template.Subject ?? "") + "\n" + template.Body, kind)
            select $"{kind.Key} {(email ? "email" : "text")} {language}: {{{{{unknown}}}}}";

        Assert.Empty(offences);
    }

    [Fact]
    public void A_placeholder_of_another_kind_is_unknown()
    {
        Assert.Equal(["offer.url"], TemplateRenderer.Unknown("{{client.first_name}} {{offer.url}}", MessageKinds.Confirmation));
    }
}

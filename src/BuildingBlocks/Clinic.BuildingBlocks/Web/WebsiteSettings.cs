using Clinic.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// Operator settings for the clinics' public websites. The WhatsApp chat widget's script is one address for the whole
/// installation: the security policy names its origin, so a clinic cannot point the site at a script of its choosing.
/// Plain http is accepted only for a loopback address, where a developer or a test serves a stand-in.
/// </summary>
public sealed record WebsiteSettings(Uri? WhatsAppWidgetScript)
{
    public const string WhatsAppWidgetScriptKey = "Clinic:Website:WhatsAppWidgetScript";

    public static WebsiteSettings From(IConfiguration configuration)
    {
        var raw = configuration[WhatsAppWidgetScriptKey];
        if (string.IsNullOrWhiteSpace(raw))
            return new WebsiteSettings((Uri?)null);
        return Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var script) && string.IsNullOrEmpty(script.UserInfo)
            && (script.Scheme == Uri.UriSchemeHttps || (script.Scheme == Uri.UriSchemeHttp && script.IsLoopback))
            ? new WebsiteSettings(script)
            : throw new ClinicConfigurationException(WhatsAppWidgetScriptKey, $"an https:// address of a script (got \"{raw}\")");
    }

    /// <summary>The origin the security policy allows scripts, connections and frames from, or null without a widget.</summary>
    public string? WhatsAppWidgetOrigin => WhatsAppWidgetScript?.GetLeftPart(UriPartial.Authority);
}

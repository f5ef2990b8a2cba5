using System.Net.Mail;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>The headers marketing mail carries so mail apps offer one-click unsubscribe (RFC 2369, RFC 8058).</summary>
internal static class MailHeaders
{
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>"Name &lt;address&gt;", quoted as mail needs it, or the bare address without a name.</summary>
    public static string Sender(string address, string? name) =>
        string.IsNullOrWhiteSpace(name) ? address : new MailAddress(address, name).ToString();
}

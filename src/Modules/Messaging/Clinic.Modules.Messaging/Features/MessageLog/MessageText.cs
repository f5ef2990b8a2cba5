using Clinic.Modules.Messaging.Queue;

namespace Clinic.Modules.Messaging.Features.MessageLog;

/// <summary>How the message pages word times, channels and statuses.</summary>
internal static class MessageText
{
    public static string Channel(string? channel) => channel switch
    {
        "Email" => "Email",
        "Sms" => "SMS",
        "WhatsApp" => "WhatsApp",
        _ => "—",
    };

    /// <summary>The colour follows the word, which is always shown.</summary>
    public static string BadgeClass(string status) => status switch
    {
        MessageStatus.Sent or MessageStatus.Delivered or MessageStatus.Read or MessageStatus.Received => "badge badge-success",
        MessageStatus.Failed => "badge badge-error",
        MessageStatus.NotSent or MessageStatus.Queued or MessageStatus.Sending => "badge badge-warn",
        _ => "badge badge-muted",
    };
}

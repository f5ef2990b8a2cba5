namespace Clinic.Modules.Messaging.Queue;

/// <summary>Where a message is; the log shows these words.</summary>
internal static class MessageStatus
{
    /// <summary>Waiting for its next attempt (or for quiet hours to end).</summary>
    public const string Queued = "Queued";

    /// <summary>Handed to the provider; no answer recorded yet.</summary>
    public const string Sending = "Sending";

    public const string Sent = "Sent";

    public const string Delivered = "Delivered";

    public const string Read = "Read";

    /// <summary>Dead letter: refused for good, out of attempts, or interrupted where the provider cannot tell. Staff may retry it.</summary>
    public const string Failed = "Failed";

    /// <summary>Rendered and kept, but the clinic has no channel configured for it.</summary>
    public const string NotSent = "NotSent";

    /// <summary>Not sent on purpose: consent withdrawn, or the appointment it was about was cancelled.</summary>
    public const string Skipped = "Skipped";

    public const string Received = "Received";

    /// <summary>
    /// Whether a message in this status is done with: it will not be sent again, so its secret links are erased (ADR
    /// 0018). A failed message is not: staff may retry it.
    /// </summary>
    public static bool Settled(string status) => status is Sent or Delivered or Read or NotSent or Skipped;

    public static string Label(string status, string? detail) => status switch
    {
        NotSent => "Not sent: " + (detail ?? "no channel configured"),
        Skipped => "Skipped" + (detail is null ? "" : ": " + detail),
        Failed => "Failed" + (detail is null ? "" : ": " + detail),
        _ => status,
    };
}

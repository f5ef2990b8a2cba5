namespace Clinic.Modules.Booking.Enquiries;

/// <summary>The stored states of an enquiry, and the words staff read for them.</summary>
internal static class EnquiryStatus
{
    public const string New = "new";
    public const string Converted = "converted";
    public const string Dismissed = "dismissed";

    /// <summary>Unread until first opened; handled once converted or dismissed.</summary>
    public static string Describe(string status, DateTimeOffset? readAt) => status switch
    {
        Converted => "Converted",
        Dismissed => "Dismissed",
        _ => readAt is null ? "New" : "Opened",
    };

    public static string BadgeClass(string status, DateTimeOffset? readAt) => status switch
    {
        Converted => "badge badge-success",
        Dismissed => "badge badge-muted",
        _ => readAt is null ? "badge badge-warn" : "badge",
    };
}

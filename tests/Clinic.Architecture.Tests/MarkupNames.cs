namespace Clinic.Architecture.Tests;

/// <summary>
/// Classes that name a part of a page rather than style it. Each is listed here on purpose, under the reason it needs
/// no style; a class in markup that is neither here nor in a served stylesheet is a style nobody wrote.
/// </summary>
internal static class MarkupNames
{
    /// <summary>Names one form among several on a page, so a test (and a reader) can tell which form is which.</summary>
    public static readonly string[] Forms =
    [
        "add-client", "add-closure", "add-exception", "add-hours", "add-waitlist", "book-appointment", "booking-settings",
        "callback-done", "cancel-appointment", "cancel-booking", "change-consent", "change-role", "channel-settings",
        "client-search", "clinic-profile", "commit-import", "consultation-request", "convert-enquiry", "cookie-consent-form",
        "create-calendar-feed", "dismiss-enquiry", "edit-client", "find-client", "hold-contact", "invite-staff",
        "join-waitlist", "merge-clients", "move-booking", "new-campaign", "policy-form", "quiet-hours", "remove-closure",
        "remove-exception", "remove-hours", "remove-waitlist", "reply-form", "reschedule-appointment", "resource", "retry",
        "revoke-calendar-feed", "send-campaign", "service", "sessions", "take-offer", "test-message", "unsubscribe-confirm",
        "upload-clients",
    ];

    /// <summary>Names the part of a page that tests read: a table, a list, a section or one value.</summary>
    public static readonly string[] ReadByTests =
    [
        "about-text", "analytics-days", "audit", "bar", "book-online", "by", "callbacks", "campaigns", "cancelled", "channel",
        "clinics", "closures", "column", "consent-history", "consent-id", "consent-log", "consents", "consents-now",
        "cookie-registry", "duplicate-group", "email", "enquiries", "enquiry", "exceptions", "footer-links", "granted",
        "history", "import-preview", "invitation-link", "invited-email", "keep", "map-link", "message", "messages", "phone",
        "policy", "policy-history", "policy-version", "problems", "profile", "profile-item", "providers", "recovery-codes",
        "reply", "resent", "reset-two-factor", "resources", "row", "services", "status", "this-device", "two-factor",
        "waitlist", "weekly-hours", "whatsapp", "whatsapp-window",
    ];

    /// <summary>Read by templates.js, which shows a template's preview and an SMS's length as the owner types.</summary>
    public static readonly string[] ReadByScripts = ["preview-body", "preview-subject", "sms-length"];

    /// <summary>Names a part of a page for whoever reads the markup; nothing styles or reads it.</summary>
    public static readonly string[] ForReaders =
    [
        "analytics-daily", "analytics-top", "analytics-total", "axis", "categories", "channel-status", "clinic-address",
        "feed-url", "footer-address", "footer-hours", "import-columns", "import-problems", "merge-compare", "message-list",
        "online-booking", "policy-updated", "qr-code", "role", "search-summary", "service-menu", "site-footer", "staff",
        "staff-sign-in", "templates", "unsubscribe", "waitlist-window",
    ];

    /// <summary>Starts of names that code completes: a messaging channel's card and forms (channel-email, test-sms).</summary>
    public static readonly string[] Prefixes = ["channel-", "test-"];

    public static IEnumerable<string> All => Forms.Concat(ReadByTests).Concat(ReadByScripts).Concat(ForReaders);
}

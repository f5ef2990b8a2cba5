using static Clinic.Modules.Messaging.Templates.PlaceholderType;

namespace Clinic.Modules.Messaging.Templates;

/// <summary>Every message type Clinic sends, with the placeholders its templates may use.</summary>
internal static class MessageKinds
{
    public static readonly Placeholder ClinicName = new("clinic.name", Text, "The clinic's name", "Glow Aesthetics");
    public static readonly Placeholder FirstName = new("client.first_name", Text, "The client's first name", "Ayesha");
    public static readonly Placeholder Service = new("appointment.service", Text, "The treatment booked", "Hydrafacial");
    public static readonly Placeholder Provider = new("appointment.provider", Text, "Who performs it", "Dr Sara Khan");
    public static readonly Placeholder StartsAt = new("appointment.starts_at", Instant, "When it starts, in clinic time", "2026-12-01T10:30:00Z");
    public static readonly Placeholder ManageUrl = new("appointment.manage_url", SecretLink, "The client's link to move or cancel it", "https://clinic.example/booking/manage/abc")
    {
        Hidden = "booking link (hidden)",
    };
    public static readonly Placeholder PreviousStartsAt = new("appointment.previous_starts_at", Instant, "When it was before it moved", "2026-11-30T09:00:00Z");
    public static readonly Placeholder Reason = new("appointment.cancel_reason", Text, "Why it was cancelled", "Client asked to cancel");
    public static readonly Placeholder OfferUrl = new("offer.url", SecretLink, "The link that books the offered slot", "https://clinic.example/waitlist/offer/abc")
    {
        Hidden = "offer link (hidden)",
    };
    public static readonly Placeholder OfferExpiresAt = new("offer.expires_at", Instant, "When the offer lapses", "2026-12-01T08:30:00Z");
    public static readonly Placeholder Treatment = new("enquiry.treatment", Text, "The treatment asked about", "Laser hair removal");
    public static readonly Placeholder Name = new("person.name", Text, "The person's name", "Sara Khan");
    public static readonly Placeholder SignInUrl = new("sign_in.url", SecretLink, "The one-time sign-in link", "https://clinic.example/sign-in/link/abc")
    {
        Hidden = "sign-in link (hidden)",
    };
    public static readonly Placeholder LinkExpiresAt = new("link.expires_at", Instant, "When the link stops working", "2026-12-01T10:45:00Z");
    public static readonly Placeholder Role = new("invitation.role", Text, "The role offered", "Reception");
    public static readonly Placeholder AcceptUrl = new("invitation.url", SecretLink, "The link that accepts the invitation", "https://clinic.example/invite/abc")
    {
        Hidden = "invitation link (hidden)",
    };
    public static readonly Placeholder Device = new("sign_in.device", Text, "The browser and device", "Chrome on Android");
    public static readonly Placeholder SignedInAt = new("sign_in.at", Instant, "When the sign-in happened", "2026-12-01T10:30:00Z");
    public static readonly Placeholder DocumentUrl = new("document.url", Url, "A link to the document", "https://clinic.example/portal/documents/abc");
    public static readonly Placeholder PolicyName = new("policy.name", Text, "Which policy changed", "privacy policy");
    public static readonly Placeholder PolicySummary = new("policy.summary", Text, "What changed, in the owner's words", "We now send reminders by WhatsApp.");
    public static readonly Placeholder PolicyUrl = new("policy.url", Url, "Where the new version can be read", "https://clinic.example/privacy");
    public static readonly Placeholder UnsubscribeUrl = new("unsubscribe.url", Url, "The link that stops these messages", "https://clinic.example/unsubscribe/abc");
    public static readonly Placeholder ReplyText = new("reply.text", Text, "The words staff wrote", "Yes, 4 pm on Friday is free. Shall we book it?");
    public static readonly Placeholder ReplySubject = new("reply.subject", Text, "The email's subject staff wrote", "Your question about Friday");
    public static readonly Placeholder FollowUpTopic = new("follow_up.topic", Text, "What the clinic is following up on", "your consultation");

    public static readonly MessageKind Confirmation = new("appointment.confirmation", "Appointment confirmation", Urgent: true, Marketing: false, [ClinicName, FirstName, Service, Provider, StartsAt, ManageUrl]);
    public static readonly MessageKind Reminder = new("appointment.reminder", "Appointment reminder", Urgent: false, Marketing: false, [ClinicName, FirstName, Service, Provider, StartsAt, ManageUrl]);
    public static readonly MessageKind Rescheduled = new("appointment.rescheduled", "Appointment moved", Urgent: true, Marketing: false, [ClinicName, FirstName, Service, Provider, StartsAt, PreviousStartsAt]);
    public static readonly MessageKind Cancelled = new("appointment.cancelled", "Appointment cancelled", Urgent: true, Marketing: false, [ClinicName, FirstName, Service, StartsAt, Reason]);
    public static readonly MessageKind NoShow = new("appointment.no_show", "Missed appointment follow-up", Urgent: false, Marketing: false, [ClinicName, FirstName, Service, StartsAt]);
    public static readonly MessageKind WaitlistOffer = new("waitlist.offer", "Waitlist offer", Urgent: true, Marketing: false, [ClinicName, FirstName, Service, StartsAt, OfferUrl, OfferExpiresAt]);
    public static readonly MessageKind ConsultationAcknowledgement = new("consultation.acknowledgement", "Consultation request received", Urgent: true, Marketing: false, [ClinicName, FirstName, Treatment]);
    public static readonly MessageKind Invoice = new("billing.invoice", "Invoice", Urgent: false, Marketing: false, [ClinicName, FirstName, DocumentUrl]);
    public static readonly MessageKind Receipt = new("billing.receipt", "Receipt", Urgent: true, Marketing: false, [ClinicName, FirstName, DocumentUrl]);
    public static readonly MessageKind TreatmentPlan = new("charting.treatment_plan", "Treatment plan", Urgent: false, Marketing: false, [ClinicName, FirstName, DocumentUrl]);
    public static readonly MessageKind DataRequestUpdate = new("privacy.data_request", "Data request update", Urgent: false, Marketing: false, [ClinicName, FirstName, DocumentUrl]);
    public static readonly MessageKind SignInLink = new("accounts.sign_in_link", "Sign-in link", Urgent: true, Marketing: false, [ClinicName, Name, SignInUrl, LinkExpiresAt]);
    public static readonly MessageKind StaffInvitation = new("accounts.staff_invitation", "Staff invitation", Urgent: true, Marketing: false, [ClinicName, Name, Role, AcceptUrl, LinkExpiresAt]);
    public static readonly MessageKind SecurityAlert = new("accounts.security_alert", "Security alert", Urgent: true, Marketing: false, [ClinicName, Name, Device, SignedInAt]);
    public static readonly MessageKind PolicyChanged = new("privacy.policy_changed", "Policy changed", Urgent: false, Marketing: false, [ClinicName, Name, PolicyName, PolicySummary, PolicyUrl]);
    public static readonly MessageKind DefaultPolicyChanged = new("privacy.default_policy_changed", "Default policy changed", Urgent: false, Marketing: false, [ClinicName, Name, PolicyName, PolicySummary, PolicyUrl]);
    public static readonly MessageKind Inbound = new("conversation.inbound", "Message from the client", Urgent: false, Marketing: false, []);
    // A reply goes now: a person wrote it in answer to the client, and WhatsApp refuses free text once its window closes.
    public static readonly MessageKind Reply = new("conversation.reply", "Reply from the clinic", Urgent: true, Marketing: false, [ClinicName, FirstName, ReplyText, ReplySubject]);
    public static readonly MessageKind FollowUp = new("conversation.follow_up", "Conversation follow-up", Urgent: false, Marketing: false, [ClinicName, FirstName, FollowUpTopic]);
    public static readonly MessageKind Campaign = new("marketing.campaign", "Marketing campaign", Urgent: false, Marketing: true, [ClinicName, FirstName, UnsubscribeUrl]);

    public static readonly IReadOnlyList<MessageKind> All =
    [
        Confirmation, Reminder, Rescheduled, Cancelled, NoShow, WaitlistOffer, ConsultationAcknowledgement,
        Invoice, Receipt, TreatmentPlan, DataRequestUpdate, PolicyChanged, DefaultPolicyChanged, SignInLink, StaffInvitation, SecurityAlert, Reply, FollowUp, Campaign,
    ];

    public static MessageKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    /// <summary>The name staff read for a stored kind; a client's own message has no template, so it is not in <see cref="All"/>.</summary>
    public static string NameOf(string key) => key == Inbound.Key ? Inbound.Name : Find(key)?.Name ?? key;
}

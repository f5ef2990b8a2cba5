namespace Clinic.Modules.Messaging.Templates;

/// <summary>Words for one message: a subject (email only) and a body with <c>{{placeholders}}</c>.</summary>
internal sealed record TemplateText(string? Subject, string Body);

/// <summary>
/// The templates Clinic ships, in English and Urdu: one for email and one short text shared by SMS and WhatsApp. A
/// clinic may override any of them.
/// </summary>
internal static class BuiltInTemplates
{
    public static readonly string[] Languages = ["en", "ur"];

    private static readonly bool[] EmailOrText = [true, false];

    private static readonly Dictionary<(string Kind, bool Email, string Language), TemplateText> Texts = new()
    {
        [("appointment.confirmation", true, "en")] = new("Your appointment at {{clinic.name}} is booked",
            "Dear {{client.first_name}},\n\nYour {{appointment.service}} with {{appointment.provider}} is booked for {{appointment.starts_at}}.\n\nTo move or cancel it: {{appointment.manage_url}}\n\n{{clinic.name}}"),
        [("appointment.confirmation", false, "en")] = new(null,
            "{{clinic.name}}: {{appointment.service}} booked for {{appointment.starts_at}}. Manage: {{appointment.manage_url}}"),
        [("appointment.confirmation", true, "ur")] = new("{{clinic.name}} میں آپ کی اپائنٹمنٹ بک ہو گئی ہے",
            "محترم {{client.first_name}}،\n\nآپ کی {{appointment.service}} کی اپائنٹمنٹ {{appointment.provider}} کے ساتھ {{appointment.starts_at}} پر بک ہو گئی ہے۔\n\nتبدیل یا منسوخ کرنے کے لیے: {{appointment.manage_url}}\n\n{{clinic.name}}"),
        [("appointment.confirmation", false, "ur")] = new(null,
            "{{clinic.name}}: {{appointment.service}} کی اپائنٹمنٹ {{appointment.starts_at}} پر بک ہے۔ تبدیلی: {{appointment.manage_url}}"),

        [("appointment.reminder", true, "en")] = new("Reminder: {{appointment.service}} at {{appointment.starts_at}}",
            "Dear {{client.first_name}},\n\nThis is a reminder of your {{appointment.service}} with {{appointment.provider}} on {{appointment.starts_at}}.\n\nReply C to confirm or R to ask us to call you. To move or cancel: {{appointment.manage_url}}\n\n{{clinic.name}}"),
        [("appointment.reminder", false, "en")] = new(null,
            "{{clinic.name}}: reminder of your {{appointment.service}} on {{appointment.starts_at}}. Reply C to confirm, R for a call back."),
        [("appointment.reminder", true, "ur")] = new("یاد دہانی: {{appointment.service}}، {{appointment.starts_at}}",
            "محترم {{client.first_name}}،\n\nیاد دہانی: آپ کی {{appointment.service}} کی اپائنٹمنٹ {{appointment.provider}} کے ساتھ {{appointment.starts_at}} پر ہے۔\n\nتصدیق کے لیے C اور کال بیک کے لیے R لکھ کر جواب دیں۔ تبدیلی یا منسوخی: {{appointment.manage_url}}\n\n{{clinic.name}}"),
        [("appointment.reminder", false, "ur")] = new(null,
            "{{clinic.name}}: یاد دہانی، آپ کی {{appointment.service}} {{appointment.starts_at}} پر ہے۔ تصدیق کے لیے C، کال بیک کے لیے R۔"),

        [("appointment.rescheduled", true, "en")] = new("Your appointment has moved to {{appointment.starts_at}}",
            "Dear {{client.first_name}},\n\nYour {{appointment.service}} with {{appointment.provider}} has moved from {{appointment.previous_starts_at}} to {{appointment.starts_at}}.\n\n{{clinic.name}}"),
        [("appointment.rescheduled", false, "en")] = new(null,
            "{{clinic.name}}: your {{appointment.service}} has moved to {{appointment.starts_at}}."),
        [("appointment.rescheduled", true, "ur")] = new("آپ کی اپائنٹمنٹ {{appointment.starts_at}} پر منتقل ہو گئی ہے",
            "محترم {{client.first_name}}،\n\nآپ کی {{appointment.service}} کی اپائنٹمنٹ {{appointment.previous_starts_at}} سے {{appointment.starts_at}} پر منتقل ہو گئی ہے۔\n\n{{clinic.name}}"),
        [("appointment.rescheduled", false, "ur")] = new(null,
            "{{clinic.name}}: آپ کی {{appointment.service}} اب {{appointment.starts_at}} پر ہے۔"),

        [("appointment.cancelled", true, "en")] = new("Your appointment on {{appointment.starts_at}} is cancelled",
            "Dear {{client.first_name}},\n\nYour {{appointment.service}} on {{appointment.starts_at}} is cancelled ({{appointment.cancel_reason}}). We would be glad to book you again.\n\n{{clinic.name}}"),
        [("appointment.cancelled", false, "en")] = new(null,
            "{{clinic.name}}: your {{appointment.service}} on {{appointment.starts_at}} is cancelled."),
        [("appointment.cancelled", true, "ur")] = new("{{appointment.starts_at}} کی اپائنٹمنٹ منسوخ ہو گئی ہے",
            "محترم {{client.first_name}}،\n\nآپ کی {{appointment.service}} کی اپائنٹمنٹ ({{appointment.starts_at}}) منسوخ ہو گئی ہے ({{appointment.cancel_reason}})۔ ہم آپ کو دوبارہ بک کرنے میں خوشی محسوس کریں گے۔\n\n{{clinic.name}}"),
        [("appointment.cancelled", false, "ur")] = new(null,
            "{{clinic.name}}: آپ کی {{appointment.service}} ({{appointment.starts_at}}) منسوخ ہو گئی ہے۔"),

        [("appointment.no_show", true, "en")] = new("We missed you today",
            "Dear {{client.first_name}},\n\nWe missed you at your {{appointment.service}} on {{appointment.starts_at}}. Reply or call us to book another time.\n\n{{clinic.name}}"),
        [("appointment.no_show", false, "en")] = new(null,
            "{{clinic.name}}: we missed you at your {{appointment.service}} on {{appointment.starts_at}}. Reply to book another time."),
        [("appointment.no_show", true, "ur")] = new("آج ہم آپ کے منتظر رہے",
            "محترم {{client.first_name}}،\n\n{{appointment.starts_at}} پر آپ کی {{appointment.service}} کی اپائنٹمنٹ پر ہم آپ کے منتظر رہے۔ نیا وقت لینے کے لیے جواب دیں یا کال کریں۔\n\n{{clinic.name}}"),
        [("appointment.no_show", false, "ur")] = new(null,
            "{{clinic.name}}: {{appointment.starts_at}} پر ہم آپ کے منتظر رہے۔ نیا وقت لینے کے لیے جواب دیں۔"),

        [("waitlist.offer", true, "en")] = new("A slot has opened: {{appointment.service}} at {{appointment.starts_at}}",
            "Dear {{client.first_name}},\n\nA {{appointment.service}} slot has opened on {{appointment.starts_at}}. Book it here before {{offer.expires_at}}: {{offer.url}}\n\n{{clinic.name}}"),
        [("waitlist.offer", false, "en")] = new(null,
            "{{clinic.name}}: {{appointment.service}} free on {{appointment.starts_at}}. Book before {{offer.expires_at}}: {{offer.url}}"),
        [("waitlist.offer", true, "ur")] = new("وقت دستیاب ہے: {{appointment.service}}، {{appointment.starts_at}}",
            "محترم {{client.first_name}}،\n\n{{appointment.starts_at}} پر {{appointment.service}} کا وقت دستیاب ہے۔ {{offer.expires_at}} سے پہلے یہاں بک کریں: {{offer.url}}\n\n{{clinic.name}}"),
        [("waitlist.offer", false, "ur")] = new(null,
            "{{clinic.name}}: {{appointment.starts_at}} پر {{appointment.service}} دستیاب ہے۔ {{offer.expires_at}} سے پہلے بک کریں: {{offer.url}}"),

        [("consultation.acknowledgement", true, "en")] = new("We have your consultation request",
            "Dear {{client.first_name}},\n\nThank you for asking about {{enquiry.treatment}}. We will contact you soon to arrange your consultation.\n\n{{clinic.name}}"),
        [("consultation.acknowledgement", false, "en")] = new(null,
            "{{clinic.name}}: thank you for your consultation request. We will contact you soon."),
        [("consultation.acknowledgement", true, "ur")] = new("آپ کی مشاورت کی درخواست موصول ہو گئی ہے",
            "محترم {{client.first_name}}،\n\n{{enquiry.treatment}} کے بارے میں پوچھنے کا شکریہ۔ ہم جلد آپ سے رابطہ کر کے مشاورت کا وقت طے کریں گے۔\n\n{{clinic.name}}"),
        [("consultation.acknowledgement", false, "ur")] = new(null,
            "{{clinic.name}}: مشاورت کی درخواست کا شکریہ۔ ہم جلد آپ سے رابطہ کریں گے۔"),

        [("billing.invoice", true, "en")] = new("Your invoice from {{clinic.name}}", "Dear {{client.first_name}},\n\nYour invoice is ready: {{document.url}}\n\n{{clinic.name}}"),
        [("billing.invoice", false, "en")] = new(null, "{{clinic.name}}: your invoice is ready: {{document.url}}"),
        [("billing.invoice", true, "ur")] = new("{{clinic.name}} کی طرف سے آپ کا انوائس", "محترم {{client.first_name}}،\n\nآپ کا انوائس تیار ہے: {{document.url}}\n\n{{clinic.name}}"),
        [("billing.invoice", false, "ur")] = new(null, "{{clinic.name}}: آپ کا انوائس تیار ہے: {{document.url}}"),
        [("billing.receipt", true, "en")] = new("Your receipt from {{clinic.name}}", "Dear {{client.first_name}},\n\nThank you for your payment. Your receipt: {{document.url}}\n\n{{clinic.name}}"),
        [("billing.receipt", false, "en")] = new(null, "{{clinic.name}}: thank you for your payment. Receipt: {{document.url}}"),
        [("billing.receipt", true, "ur")] = new("{{clinic.name}} کی طرف سے آپ کی رسید", "محترم {{client.first_name}}،\n\nادائیگی کا شکریہ۔ آپ کی رسید: {{document.url}}\n\n{{clinic.name}}"),
        [("billing.receipt", false, "ur")] = new(null, "{{clinic.name}}: ادائیگی کا شکریہ۔ رسید: {{document.url}}"),
        [("charting.treatment_plan", true, "en")] = new("Your treatment plan", "Dear {{client.first_name}},\n\nYour treatment plan is ready to read: {{document.url}}\n\n{{clinic.name}}"),
        [("charting.treatment_plan", false, "en")] = new(null, "{{clinic.name}}: your treatment plan is ready: {{document.url}}"),
        [("charting.treatment_plan", true, "ur")] = new("آپ کا علاج کا منصوبہ", "محترم {{client.first_name}}،\n\nآپ کا علاج کا منصوبہ تیار ہے: {{document.url}}\n\n{{clinic.name}}"),
        [("charting.treatment_plan", false, "ur")] = new(null, "{{clinic.name}}: آپ کا علاج کا منصوبہ تیار ہے: {{document.url}}"),
        [("privacy.data_request", true, "en")] = new("An update on your data request", "Dear {{client.first_name}},\n\nThere is an update on your request about your data: {{document.url}}\n\n{{clinic.name}}"),
        [("privacy.data_request", false, "en")] = new(null, "{{clinic.name}}: there is an update on your data request: {{document.url}}"),
        [("privacy.data_request", true, "ur")] = new("آپ کے ڈیٹا کی درخواست پر پیش رفت", "محترم {{client.first_name}}،\n\nآپ کے ڈیٹا سے متعلق درخواست پر پیش رفت ہوئی ہے: {{document.url}}\n\n{{clinic.name}}"),
        [("privacy.data_request", false, "ur")] = new(null, "{{clinic.name}}: آپ کے ڈیٹا کی درخواست پر پیش رفت: {{document.url}}"),

        [("accounts.sign_in_link", true, "en")] = new("Your sign-in link for {{clinic.name}}",
            "Hello {{person.name}},\n\nUse this link to sign in. It works once, until {{link.expires_at}}:\n{{sign_in.url}}\n\nIf you did not ask for it, ignore this email.\n\n{{clinic.name}}"),
        [("accounts.sign_in_link", false, "en")] = new(null, "{{clinic.name}} sign-in link (works once, until {{link.expires_at}}): {{sign_in.url}}"),
        [("accounts.sign_in_link", true, "ur")] = new("{{clinic.name}} میں سائن ان کا لنک",
            "السلام علیکم {{person.name}}،\n\nسائن ان کے لیے یہ لنک استعمال کریں۔ یہ ایک بار، {{link.expires_at}} تک کام کرے گا:\n{{sign_in.url}}\n\nاگر آپ نے یہ نہیں مانگا تو اس ای میل کو نظر انداز کر دیں۔\n\n{{clinic.name}}"),
        [("accounts.sign_in_link", false, "ur")] = new(null, "{{clinic.name}} سائن ان لنک ({{link.expires_at}} تک): {{sign_in.url}}"),
        [("accounts.staff_invitation", true, "en")] = new("You are invited to join {{clinic.name}}",
            "Hello {{person.name}},\n\nYou are invited to join {{clinic.name}} as {{invitation.role}}. Accept before {{link.expires_at}}:\n{{invitation.url}}"),
        [("accounts.staff_invitation", false, "en")] = new(null, "{{clinic.name}} invites you to join as {{invitation.role}}: {{invitation.url}}"),
        [("accounts.staff_invitation", true, "ur")] = new("{{clinic.name}} میں شامل ہونے کی دعوت",
            "السلام علیکم {{person.name}}،\n\nآپ کو {{clinic.name}} میں {{invitation.role}} کے طور پر شامل ہونے کی دعوت دی گئی ہے۔ {{link.expires_at}} سے پہلے قبول کریں:\n{{invitation.url}}"),
        [("accounts.staff_invitation", false, "ur")] = new(null, "{{clinic.name}} کی طرف سے {{invitation.role}} کے طور پر شمولیت کی دعوت: {{invitation.url}}"),
        [("accounts.security_alert", true, "en")] = new("New sign-in to your {{clinic.name}} account",
            "Hello {{person.name}},\n\nYour account was signed in to from {{sign_in.device}} at {{sign_in.at}}. If this was not you, change your password and tell the clinic."),
        [("accounts.security_alert", false, "en")] = new(null, "{{clinic.name}}: new sign-in from {{sign_in.device}} at {{sign_in.at}}. Not you? Tell the clinic."),
        [("accounts.security_alert", true, "ur")] = new("آپ کے {{clinic.name}} اکاؤنٹ میں نیا سائن ان",
            "السلام علیکم {{person.name}}،\n\n{{sign_in.at}} پر {{sign_in.device}} سے آپ کے اکاؤنٹ میں سائن ان ہوا۔ اگر یہ آپ نہیں تھے تو پاس ورڈ بدلیں اور کلینک کو بتائیں۔"),
        [("accounts.security_alert", false, "ur")] = new(null, "{{clinic.name}}: {{sign_in.at}} پر {{sign_in.device}} سے نیا سائن ان۔ آپ نہیں تھے؟ کلینک کو بتائیں۔"),

        [("privacy.policy_changed", true, "en")] = new("{{clinic.name}}'s {{policy.name}} has changed",
            "Hello {{person.name}},\n\nA new version of the {{policy.name}} was published as a material change: {{policy.summary}}\n\nRead it: {{policy.url}}"),
        [("privacy.policy_changed", false, "en")] = new(null, "{{clinic.name}}: the {{policy.name}} has changed. Read it: {{policy.url}}"),
        [("privacy.policy_changed", true, "ur")] = new("{{clinic.name}} کی {{policy.name}} بدل گئی ہے",
            "السلام علیکم {{person.name}}،\n\n{{policy.name}} کا نیا ورژن اہم تبدیلی کے طور پر شائع ہوا ہے: {{policy.summary}}\n\nپڑھیں: {{policy.url}}"),
        [("privacy.policy_changed", false, "ur")] = new(null, "{{clinic.name}}: {{policy.name}} بدل گئی ہے۔ پڑھیں: {{policy.url}}"),

        // The SaaS operator changed the default every clinic shows until it publishes its own.
        [("privacy.default_policy_changed", true, "en")] = new("The default {{policy.name}} has changed",
            "Hello {{person.name}},\n\nThe default {{policy.name}} that Clinic provides was changed as a material change: {{policy.summary}}\n\nClinics that have not published their own show the new text on their website from now on; a clinic with its own keeps it. Read it: {{policy.url}}"),
        [("privacy.default_policy_changed", false, "en")] = new(null, "{{clinic.name}}: the default {{policy.name}} has changed. Read it: {{policy.url}}"),
        [("privacy.default_policy_changed", true, "ur")] = new("ڈیفالٹ {{policy.name}} بدل گئی ہے",
            "السلام علیکم {{person.name}}،\n\nClinic کی فراہم کردہ ڈیفالٹ {{policy.name}} میں اہم تبدیلی ہوئی ہے: {{policy.summary}}\n\nجن کلینکس نے اپنی پالیسی شائع نہیں کی، ان کی ویب سائٹ پر اب نیا متن دکھایا جائے گا؛ اپنی پالیسی والے کلینک کی پالیسی وہی رہے گی۔ پڑھیں: {{policy.url}}"),
        [("privacy.default_policy_changed", false, "ur")] = new(null, "{{clinic.name}}: ڈیفالٹ {{policy.name}} بدل گئی ہے۔ پڑھیں: {{policy.url}}"),

        // Staff write a reply's words; the template only carries them. A clinic may add a greeting or signature.
        [("conversation.reply", true, "en")] = new("{{reply.subject}}", "{{reply.text}}\n\n{{clinic.name}}"),
        [("conversation.reply", false, "en")] = new(null, "{{reply.text}}"),
        [("conversation.reply", true, "ur")] = new("{{reply.subject}}", "{{reply.text}}\n\n{{clinic.name}}"),
        [("conversation.reply", false, "ur")] = new(null, "{{reply.text}}"),
        [("conversation.follow_up", true, "en")] = new("{{clinic.name}}: following up on {{follow_up.topic}}",
            "Dear {{client.first_name}},\n\nWe would like to follow up with you about {{follow_up.topic}}. Reply to this message and we will answer.\n\n{{clinic.name}}"),
        [("conversation.follow_up", false, "en")] = new(null,
            "{{clinic.name}}: hello {{client.first_name}}, we would like to follow up about {{follow_up.topic}}. Reply to this message to continue."),
        [("conversation.follow_up", true, "ur")] = new("{{clinic.name}}: {{follow_up.topic}} کے بارے میں",
            "محترم {{client.first_name}}،\n\nہم {{follow_up.topic}} کے بارے میں آپ سے بات کرنا چاہتے ہیں۔ اس پیغام کا جواب دیں، ہم آپ کو جواب دیں گے۔\n\n{{clinic.name}}"),
        [("conversation.follow_up", false, "ur")] = new(null,
            "{{clinic.name}}: السلام علیکم {{client.first_name}}، ہم {{follow_up.topic}} کے بارے میں بات کرنا چاہتے ہیں۔ بات جاری رکھنے کے لیے جواب دیں۔"),

        [("marketing.campaign", true, "en")] = new("News from {{clinic.name}}", "Dear {{client.first_name}},\n\nNews from {{clinic.name}}.\n\nTo stop these emails: {{unsubscribe.url}}"),
        [("marketing.campaign", false, "en")] = new(null, "{{clinic.name}}: news for you. Reply STOP to opt out."),
        [("marketing.campaign", true, "ur")] = new("{{clinic.name}} کی طرف سے خبریں", "محترم {{client.first_name}}،\n\n{{clinic.name}} کی طرف سے خبریں۔\n\nیہ ای میلز بند کرنے کے لیے: {{unsubscribe.url}}"),
        [("marketing.campaign", false, "ur")] = new(null, "{{clinic.name}}: آپ کے لیے خبریں۔ بند کرنے کے لیے STOP لکھیں۔"),
    };

    /// <summary>The shipped words for a kind, channel and language, falling back to English.</summary>
    public static TemplateText For(string kind, bool email, string language) =>
        Texts.TryGetValue((kind, email, language), out var text) ? text : Texts[(kind, email, "en")];

    /// <summary>Whether every kind ships in every language for both email and text; a test holds the catalogue to it.</summary>
    public static IEnumerable<(string Kind, bool Email, string Language)> Missing() =>
        from kind in MessageKinds.All
        from email in EmailOrText
        from language in Languages
        where !Texts.ContainsKey((kind.Key, email, language))
        select (kind.Key, email, language);
}

using System.Net;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Security;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Every route the app serves whose template takes a parameter, and how the IDOR suite attacks it. A route missing
/// from this table fails <see cref="IdorCoverageTests"/>, so a new route with an id arrives with its IDOR case.
/// </summary>
public static partial class IdorCases
{
    private const string Password = "a long and private passphrase";

    internal static readonly IReadOnlyList<IdorCase> All =
    [
        new("/staff/{Id}/role", "a member of staff", b => b.OwnerId.ToString(),
            new IdorForm("change-role", ("Input.Role", Roles.Reception))),
        new("/staff/{Id}/deactivate", "a member of staff", b => b.ReceptionistId.ToString(),
            new IdorForm("deactivate-staff", ("Input.Confirm", "yes"))),
        new("/staff/{Id}/reset-two-factor", "a member of staff", b => b.ReceptionistId.ToString(),
            new IdorForm("reset-two-factor", ("Input.Confirm", "yes"))),
        new("/clients/{Id}", "a client's profile", b => b.ClientId.ToString()),
        new("/clients/{Id}/consents", "a client's contact consents", b => b.ClientId.ToString(),
            new IdorForm("change-consent", ("Input.Channel", "sms"), ("Input.Granted", "yes"), ("Input.Source", "In person"))),
        new("/clients/{Id}/edit", "a client's profile", b => b.ClientId.ToString(),
            new IdorForm("edit-client", ("Input.FirstName", "Mallory"), ("Input.LastName", "Evil"), ("Input.Phone", "03001234567"))),
        new("/clients/{Id}/merge", "a client kept in a merge", b => b.ClientId.ToString(),
            new IdorForm("merge-clients", ("MergeIds", "0190f1d2-4b5c-7d8e-9f00-112233445566"))),
        new("/enquiries/{Id}", "a consultation request", b => b.EnquiryId.ToString(),
            new IdorForm("convert-enquiry", ("Convert.Confirm", "yes"))),
        new("/appointments/{Id:guid}", "an appointment", b => b.AppointmentId.ToString(),
            new IdorForm("cancel", ("Cancel.Action", "Cancel"), ("Cancel.Reason", "Mallory"))),
        new("/waitlist/{Id:guid}/remove", "a client's place on the waitlist", b => b.WaitlistEntryId.ToString(),
            new IdorForm("remove-waitlist", ("Input.Confirm", "yes"))),
        new("/messages/{Id:guid}", "a message to a client", b => b.MessageId.ToString(), new IdorForm("retry")),
        new("/clients/{Id:guid}/messages", "a client's messages, and a reply to them", b => b.ClientId.ToString(),
            new IdorForm("reply", ("Input.Channel", "Email"), ("Input.Template", "text"), ("Input.Subject", "Mallory"), ("Input.Text", "Mallory"),
                ("Input.Token", "0190f1d2-4b5c-7d8e-9f00-112233445566"))),
        new("/messages/callbacks/{Id:guid}/done", "a client's request for a call back", b => b.CallbackId.ToString(), new IdorForm("callback-done")),
        // Not records: every clinic edits its own copy of the same message kinds, so clinic B's path opens clinic A's
        // own template, never B's words. Attacked with malformed values here; Messaging/Templates/TemplateEditorTests
        // shows another clinic's override is neither sent nor shown.
        new("/messages/templates/{Kind}/{Channel}/{Language}", "a message template, the same kinds for every clinic", OtherClinicsId: null,
            new IdorForm("template", ("Input.Subject", "Mallory"), ("Input.Body", "Mallory"))),
        new("/messages/campaigns/{Id:guid}", "a marketing campaign", b => b.CampaignId.ToString(), new IdorForm("send-campaign")),
        // Posted the RFC 8058 way (no antiforgery token needed); another clinic's link is refused at this clinic's address.
        new("/unsubscribe/{Token}", "a client's unsubscribe link", b => b.UnsubscribeToken, new IdorForm("unsubscribe", ("List-Unsubscribe", "One-Click"))),
        new("/privacy/versions/{Id:guid}", "a published policy version", b => b.PolicyVersionId.ToString()),
        new("/settings/undelivered-events/{Id:guid}", "an event set aside after its delivery kept failing", b => b.UndeliveredEventId.ToString(), new IdorForm("retry")),
        // Not records: every clinic publishes its own versions of the same two policies.
        new("/settings/policies/{Kind}", "a policy, the same kinds for every clinic", OtherClinicsId: null,
            new IdorForm("policy", ("Input.Body", "# Mallory"), ("Input.BasedOn", "0"))),
        // The operator's console answers only at the platform's host; at a clinic's host this is no page at all.
        new("/platform/policies/{Kind}", "the operator's default policy, the same for every clinic", OtherClinicsId: null,
            new IdorForm("platform-policy", ("Input.Body", "# Mallory"), ("Input.BasedOn", "0"))),
        // Booking set-up; a provider's schedule is opened by their staff id.
        new("/booking-setup/services/{Id:guid}", "a service", b => b.ServiceId.ToString(),
            new IdorForm("service", ("Input.Category", "Skin"), ("Input.Name", "Mallory"), ("Input.DurationMinutes", "30"), ("Input.Price", "1"),
                ("Input.BufferBeforeMinutes", "0"), ("Input.BufferAfterMinutes", "0"), ("Input.Active", "true"))),
        new("/booking-setup/resources/{Id:guid}", "a room or equipment", b => b.ResourceId.ToString(),
            new IdorForm("resource", ("Input.Name", "Mallory"), ("Input.Kind", "room"), ("Input.ResourceType", "Laser room"), ("Input.Active", "true"))),
        new("/booking-setup/schedules/{Id:guid}", "a provider's schedule", b => b.OwnerId.ToString(),
            new IdorForm("add-hours", ("Hours.Weekday", "1"), ("Hours.From", "09:00"), ("Hours.To", "10:00"))),
        // Links answer 410 for a used, expired or unknown token alike; another clinic's token is one of those.
        new("/invite/{Token}", "a staff invitation link", b => b.InvitationToken,
            new IdorForm("accept-invitation", ("Input.Password", Password), ("Input.ConfirmPassword", Password)), Unknown: HttpStatusCode.Gone),
        new("/setup/{Token}", "an owner setup link", b => b.SetupToken,
            new IdorForm("owner-setup", ("Input.Name", "Mallory"), ("Input.Email", "mallory@evil.test"), ("Input.Password", Password)), Unknown: HttpStatusCode.Gone),
        new("/sign-in/link/{Token}", "a staff sign-in link", b => b.StaffSignInToken,
            new IdorForm("sign-in-link"), Unknown: HttpStatusCode.Gone),
        new("/portal/link/{Token}", "a client's portal sign-in link", b => b.PortalSignInToken,
            new IdorForm("portal-link"), Unknown: HttpStatusCode.Gone),
        // Online booking's secret links: every lookup is by the secret's hash within the clinic. Here they are attacked
        // with malformed values (a held slot that is gone answers 410); Booking/OnlineBooking/OnlineLinksAcrossClinicsTests
        // opens clinic A's real secrets at clinic B.
        new("/book/hold/{Token}", "a slot held during online booking", OtherClinicsId: null,
            new IdorForm("book-held", ("Input.FirstName", "Mallory"), ("Input.LastName", "Evil"), ("Input.Mobile", "03001234567"),
                ("Input.Email", "mallory@evil.test"), ("Input.AgreesToPolicy", "on")), Unknown: HttpStatusCode.Gone),
        new("/booking/manage/{Token}", "a client's link to move or cancel their appointment", OtherClinicsId: null,
            new IdorForm("cancel-booking", ("Cancel.Reason", "Mallory"))),
        new("/waitlist/offer/{Token}", "a waitlist offer's link to book a freed slot", OtherClinicsId: null, new IdorForm("take-offer")),

        // A provider's calendar feed; another clinic's token answering 404 is CalendarFeedAcrossClinicsTests, since
        // the attacked clinics keep no feed.
        new("/calendar/{token}.ics", "a provider's calendar feed", OtherClinicsId: null),
        // Not records: the same for every clinic, attacked with malformed values only.
        new("/openapi/{documentName}.json", "the API description, the same for every clinic", OtherClinicsId: null),
        new("{**path:file}", "a static file; this fallback exists only in unpublished builds", OtherClinicsId: null),
    ];

    /// <summary>Ids no route should trip over, percent-encoded as they would sit in a URL.</summary>
    internal static readonly IReadOnlyList<string> MalformedIds =
    [
        "not-an-id",
        "00000000-0000-0000-0000-000000000000",
        new string('7', 4000),
        Uri.EscapeDataString("' OR '1'='1' --"),
        Uri.EscapeDataString("<script>alert(1)</script>"),
        Uri.EscapeDataString("\u202Egnp.exe"),
        Uri.EscapeDataString("Ayesha 😀 عائشہ"),
        "%ED%A0%80",
        "..%2F..%2Fappsettings.json",
    ];

    /// <summary>The routes whose parameter names something a clinic owns.</summary>
    public static TheoryData<string> RecordRoutes() => [.. All.Where(c => c.OtherClinicsId is not null).Select(c => c.Route)];

    /// <summary>Every route with every malformed id.</summary>
    public static TheoryData<string, string> MalformedRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var idor in All)
        {
            foreach (var id in MalformedIds)
                data.Add(idor.Route, id);
        }

        return data;
    }

    /// <summary>Malformed ids as typed into a form field, a null character included (in a path, the server refuses that first).</summary>
    public static TheoryData<string> MalformedSessionIds() => [.. MalformedIds.Select(Uri.UnescapeDataString), "\0"];

    internal static IdorCase For(string route) => All.Single(c => c.Route == route);

    /// <summary>The route's path with every parameter replaced by <paramref name="id"/> (already URL-encoded).</summary>
    internal static string Path(this IdorCase idor, string id)
    {
        var path = Parameter().Replace(idor.Route, id);
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{[^}]+\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Parameter();
}

/// <summary>
/// A route with a parameter: what the parameter names, how to find clinic B's value for it (null when it names
/// nothing a clinic owns), the form the route's page posts, and what an unknown value answers.
/// </summary>
internal sealed record IdorCase(string Route, string Names, Func<ClinicRecords, string>? OtherClinicsId, IdorForm? Form = null, HttpStatusCode Unknown = HttpStatusCode.NotFound);

internal sealed class IdorForm(string name, params (string Name, string Value)[] fields)
{
    public string Name { get; } = name;

    public IReadOnlyList<(string Name, string Value)> Fields { get; } = fields;
}

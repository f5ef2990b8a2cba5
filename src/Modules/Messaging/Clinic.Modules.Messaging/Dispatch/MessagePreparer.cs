using System.Collections.Concurrent;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Features.Campaigns;
using Clinic.Modules.Messaging.Features.Unsubscribe;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// Turns a queued message into words for one person on one channel, at the moment it is sent: the client's contacts,
/// consents and language as they are now, the clinic's time zone and quiet hours, and the appointment as it stands.
/// </summary>
internal sealed class MessagePreparer(
    TenantDb tenantDb,
    ITenantContext tenant,
    ITenantDirectory clinics,
    IClientReach clients,
    IClientAppointments appointments,
    IChannelDirectory channels,
    TemplateSource templates,
    CampaignText campaigns,
    UnsubscribeLinks unsubscribe,
    SecretSeal seal)
{
    /// <summary>Kinds that lose their point once the appointment is cancelled.</summary>
    private static readonly string[] AboutALiveAppointment = [MessageKinds.Confirmation.Key, MessageKinds.Reminder.Key, MessageKinds.Rescheduled.Key];

    // Read once per dispatch batch (this is scoped to one): every message of the batch needs the same clinic settings.
    private readonly ConcurrentDictionary<(string Kind, bool Email, string Language), TemplateText> _templates = new();
    private QuietHours? _quiet;

    public async Task<Preparation> PrepareAsync(StoredMessage message, DateTimeOffset now, CancellationToken ct)
    {
        if (MessageKinds.Find(message.Kind) is not { } kind)
            return new Preparation.Final(Queue.MessageStatus.Failed, $"unknown message type \"{message.Kind}\"");

        var clinic = await clinics.FindAsync(tenant.Required, ct);
        var zone = clinic?.Zone ?? TimeZoneInfo.Utc;
        var values = new Dictionary<string, string>(message.Values) { [MessageKinds.ClinicName.Name] = clinic?.Name ?? "" };
        var campaign = await campaigns.FindAsync(values, ct);

        ChannelChoice.Contacts contacts;
        var language = "en";
        if (message.ClientId is { } clientId)
        {
            if (await clients.FindAsync(clientId, ct) is not { } client)
                return new Preparation.Final(Queue.MessageStatus.Failed, "the client is no longer on record");
            contacts = new ChannelChoice.Contacts(client.Email, client.Mobile, campaign?.Only(client.Consents) ?? client.Consents);
            language = client.Language;
            values.TryAdd(MessageKinds.FirstName.Name, client.FirstName);
        }
        else
        {
            contacts = new ChannelChoice.Contacts(message.ToEmail, message.ToMobile, Consents: null);
            values.TryAdd(MessageKinds.Name.Name, message.ToName ?? "");
            values.TryAdd(MessageKinds.FirstName.Name, message.ToName ?? "");
        }

        if (await AppointmentProblemAsync(kind, values, ct) is { } skipped)
            return skipped;

        if (!message.Urgent)
        {
            if (_quiet is null)
            {
                await using var db = await tenantDb.ReadAsync(ct);
                _quiet = await QuietHours.LoadAsync(db);
            }

            if (_quiet.EndAfter(now, zone) is { } end)
            {
                return StartsBy(values) is { } startsAt && end >= startsAt
                    ? new Preparation.Final(Queue.MessageStatus.Skipped, "quiet hours last until the appointment")
                    : new Preparation.Deferred(end, "waiting for quiet hours to end");
            }
        }

        var choice = values.TryGetValue(Queue.MessageValues.Channel, out var chosen) && Enum.TryParse<ChannelKind>(chosen, out var only)
            ? await ChannelChoice.OnAsync(only, contacts, channels, ct)
            : await ChannelChoice.ChooseAsync(contacts, kind.Marketing, channels, ct);
        if (choice.Channel is not { } channel || choice.To is null)
            return new Preparation.Final(kind.Marketing ? Queue.MessageStatus.Skipped : Queue.MessageStatus.Failed, choice.Problem ?? "no contact");

        // Marketing to a client carries a link that withdraws their consent for this channel (ADR 0012).
        var unsubscribeUrl = kind.Marketing && message.ClientId is { } to && values.TryGetValue(Campaign.LinkBaseValue, out var linkBase)
            ? unsubscribe.UrlFor(linkBase, tenant.Required, to, channel)
            : null;
        if (unsubscribeUrl is not null)
            values[MessageKinds.UnsubscribeUrl.Name] = unsubscribeUrl;

        // A secret link is written as its placeholder, so the words kept never hold it (ADR 0018).
        var links = SecretLinks.Open(message.Secrets, seal);
        foreach (var name in links.Names)
            values[name] = SecretLinks.Placeholder(name);

        var template = campaign?.Text ?? await TemplateAsync(kind.Key, channel == ChannelKind.Email, language, ct);
        var text = TemplateRenderer.Render(template, kind, values, zone, language);
        return new Preparation.Ready(channel, choice.Provider, choice.To, language, channel == ChannelKind.Email ? text.Subject : null, text.Body, links, unsubscribeUrl);
    }

    private async Task<TemplateText> TemplateAsync(string kind, bool email, string language, CancellationToken ct)
    {
        if (_templates.TryGetValue((kind, email, language), out var known))
            return known;

        var template = await templates.ForAsync(kind, email, language, ct);
        _templates.TryAdd((kind, email, language), template);
        return template;
    }

    /// <summary>Fills in the appointment's service and provider, and skips messages about an appointment since cancelled.</summary>
    private async Task<Preparation?> AppointmentProblemAsync(MessageKind kind, Dictionary<string, string> values, CancellationToken ct)
    {
        if (!values.TryGetValue(Queue.MessageValues.AppointmentId, out var raw) || !Guid.TryParse(raw, out var appointmentId))
            return null;
        if (await appointments.FindAsync(appointmentId, ct) is not { } appointment)
            return null;

        values.TryAdd(MessageKinds.Service.Name, appointment.Service);
        values.TryAdd(MessageKinds.Provider.Name, appointment.Provider);
        return AboutALiveAppointment.Contains(kind.Key) && appointment.Status == "Cancelled"
            ? new Preparation.Final(Queue.MessageStatus.Skipped, "the appointment was cancelled")
            : null;
    }

    private static DateTimeOffset? StartsBy(Dictionary<string, string> values) =>
        values.TryGetValue(MessageKinds.StartsAt.Name, out var raw) && DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null;
}

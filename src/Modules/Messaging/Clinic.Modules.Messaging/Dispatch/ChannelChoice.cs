using System.Net.Mail;
using System.Text.RegularExpressions;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// Picks the channel a message goes on (ADR 0011). A channel the client agreed to comes first (WhatsApp, then SMS, then
/// email); a transactional message may otherwise use any valid contact on a configured channel (email, then SMS, never
/// WhatsApp without opt-in); marketing goes only on a channel the client agrees to at send time.
/// </summary>
internal static partial class ChannelChoice
{
    private static readonly ChannelKind[] ByPreference = [ChannelKind.WhatsApp, ChannelKind.Sms, ChannelKind.Email];
    private static readonly ChannelKind[] AnyContact = [ChannelKind.Email, ChannelKind.Sms];

    /// <summary>A person's contacts, validated, and what they agreed to (null for people who are not clients: everything transactional is fine).</summary>
    internal sealed record Contacts(string? Email, string? Mobile, IReadOnlySet<ContactChannel>? Consents);

    /// <summary>The channel and address to use, or why there is none.</summary>
    internal sealed record Choice(ChannelKind? Channel, string? To, IMessageChannel? Provider, string? Problem);

    public static async Task<Choice> ChooseAsync(Contacts contacts, bool marketing, IChannelDirectory channels, CancellationToken ct)
    {
        var email = ValidEmail(contacts.Email);
        var mobile = ValidMobile(contacts.Mobile);
        if (email is null && mobile is null)
        {
            return new Choice(null, null, null, contacts.Email is null && contacts.Mobile is null
                ? "no email address or mobile number on record"
                : $"no valid contact: {Describe(contacts)}");
        }

        string? AddressFor(ChannelKind kind) => kind == ChannelKind.Email ? email : mobile;
        bool Agreed(ChannelKind kind) => contacts.Consents?.Contains(ToContact(kind)) ?? kind != ChannelKind.WhatsApp;

        var agreed = ByPreference.Where(k => AddressFor(k) is not null && Agreed(k)).ToList();
        foreach (var kind in agreed)
        {
            if (await channels.FindAsync(kind, ct) is { } provider)
                return new Choice(kind, AddressFor(kind), provider, null);
        }

        if (marketing)
            return new Choice(null, null, null, agreed.Count == 0 ? "the client has not agreed to marketing on any channel" : "no channel configured");

        foreach (var kind in AnyContact.Where(k => AddressFor(k) is not null))
        {
            if (await channels.FindAsync(kind, ct) is { } provider)
                return new Choice(kind, AddressFor(kind), provider, null);
        }

        // Nothing configured: kept in the outbox, addressed as it would have been sent.
        var outbox = agreed.FirstOrDefault(ChannelKind.Email);
        outbox = AddressFor(outbox) is null ? AnyContact.First(k => AddressFor(k) is not null) : outbox;
        return new Choice(outbox, AddressFor(outbox), null, null);
    }

    /// <summary>The one channel staff chose for a reply: the person's contact on it, or why there is none now.</summary>
    public static async Task<Choice> OnAsync(ChannelKind kind, Contacts contacts, IChannelDirectory channels, CancellationToken ct)
    {
        var to = kind == ChannelKind.Email ? ValidEmail(contacts.Email) : ValidMobile(contacts.Mobile);
        return to is null
            ? new Choice(null, null, null, kind == ChannelKind.Email ? "no valid email address on record" : "no valid mobile number on record")
            : new Choice(kind, to, await channels.FindAsync(kind, ct), null);
    }

    private static ContactChannel ToContact(ChannelKind kind) => kind switch
    {
        ChannelKind.Email => ContactChannel.Email,
        ChannelKind.Sms => ContactChannel.Sms,
        _ => ContactChannel.WhatsApp,
    };

    internal static string? ValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() ? parsed.Address : null;

    internal static string? ValidMobile(string? mobile) =>
        !string.IsNullOrWhiteSpace(mobile) && E164().IsMatch(mobile.Trim()) ? mobile.Trim() : null;

    private static string Describe(Contacts contacts) => string.Join(
        "; ",
        new[]
        {
            contacts.Email is null ? null : $"the email address \"{contacts.Email}\" is not valid",
            contacts.Mobile is null ? null : $"the mobile number \"{contacts.Mobile}\" is not valid",
        }.Where(s => s is not null));

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex E164();
}

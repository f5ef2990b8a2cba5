using System.Buffers.Text;
using System.Security.Cryptography;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;
using Microsoft.AspNetCore.DataProtection;

namespace Clinic.Modules.Messaging.Features.Unsubscribe;

/// <summary>
/// Unsubscribe links that name the clinic, client and channel inside a Data Protection payload (ADR 0012): nothing is
/// stored per link, a forged or altered token fails authentication, and the client's id is not readable in it.
/// </summary>
internal sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    /// <summary>Who an unsubscribe link is for.</summary>
    internal sealed record Subscriber(Guid ClinicId, Guid ClientId, ContactChannel Channel);

    private const int Length = 33;

    // No time limit: a link in an old email must still work, and expired keys stay in the ring to read it (ADR 0008).
    private readonly IDataProtector _protector = protection.CreateProtector("Clinic.Messaging.Unsubscribe.v1");

    public string UrlFor(string linkBase, Guid clinicId, Guid clientId, ChannelKind channel)
    {
        var payload = new byte[Length];
        clinicId.TryWriteBytes(payload.AsSpan(0, 16));
        clientId.TryWriteBytes(payload.AsSpan(16, 16));
        payload[32] = (byte)ToContact(channel);
        return $"{linkBase.TrimEnd('/')}/unsubscribe/{Base64Url.EncodeToString(_protector.Protect(payload))}";
    }

    /// <summary>Who the token is for, or null when it is malformed, forged or from another key ring.</summary>
    public Subscriber? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000 || !Base64Url.IsValid(token))
            return null;

        try
        {
            var payload = _protector.Unprotect(Base64Url.DecodeFromChars(token));
            return payload.Length == Length && Enum.IsDefined((ContactChannel)payload[32])
                ? new Subscriber(new Guid(payload.AsSpan(0, 16)), new Guid(payload.AsSpan(16, 16)), (ContactChannel)payload[32])
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static ContactChannel ToContact(ChannelKind kind) => kind switch
    {
        ChannelKind.Email => ContactChannel.Email,
        ChannelKind.Sms => ContactChannel.Sms,
        _ => ContactChannel.WhatsApp,
    };
}

namespace Clinic.Modules.Clients.Contracts;

/// <summary>The ways a client may be contacted; each has its own consent.</summary>
public enum ContactChannel
{
    Email,
    Sms,
    WhatsApp,
}

/// <summary>
/// How a client is reached: their contacts, the language they read (<c>en</c> or <c>ur</c>), and the channels they
/// currently agree to hear from. Mobile numbers are E.164.
/// </summary>
public sealed record ClientReach(
    Guid Id,
    string FirstName,
    string FullName,
    string? Email,
    string? Mobile,
    string Language,
    IReadOnlySet<ContactChannel> Consents);

/// <summary>For Messaging: a client's contacts and consents, read at send time, and consent changes a client makes by message.</summary>
public interface IClientReach
{
    /// <summary>The client's contacts and consents now, or null; audited as a read of the client's record.</summary>
    Task<ClientReach?> FindAsync(Guid clientId, CancellationToken ct);

    /// <summary>The client with this mobile number (E.164), the earliest registered when several share it; audited.</summary>
    Task<ClientReach?> FindByMobileAsync(string mobile, CancellationToken ct);

    /// <summary>
    /// Records a consent change the client made themselves (an unsubscribe link, a STOP or START reply) in the
    /// client's consent history; false when there is no such client.
    /// </summary>
    Task<bool> ChangeConsentAsync(Guid clientId, ContactChannel channel, bool granted, string source, CancellationToken ct);
}

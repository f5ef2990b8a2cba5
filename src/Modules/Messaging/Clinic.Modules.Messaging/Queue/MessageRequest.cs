using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Messaging.Queue;

/// <summary>
/// Who a message is for: a client (their contacts and consents are read when it is sent), or a person who is not a
/// client, such as a member of staff or a website visitor, whose contacts travel with the message.
/// </summary>
internal sealed record Recipient(Guid? ClientId, string? Name, string? Email, string? Mobile)
{
    public static Recipient Client(Guid clientId) => new(clientId, null, null, null);

    public static Recipient Person(string name, string? email, string? mobile = null) => new(null, name, email, mobile);
}

/// <summary>
/// A message to queue. <see cref="IdempotencyKey"/> names its cause (e.g. the reminder's offset, the appointment and
/// its time), so the same cause queues it once however often it is handled. <see cref="Links"/> are the secret links
/// it carries, by placeholder, still sealed (see <see cref="SecretLinks"/>).
/// </summary>
internal sealed record MessageRequest(
    string Kind,
    string IdempotencyKey,
    Recipient To,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyDictionary<string, SealedSecret>? Links = null);

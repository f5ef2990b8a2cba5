using System.Globalization;

namespace Clinic.Modules.Messaging.Queue;

/// <summary>Writes a cause's values the way templates read them: instants as round-trip UTC text.</summary>
internal static class MessageValues
{
    /// <summary>Not a placeholder: lets the dispatcher look the appointment up as it stands when the message goes.</summary>
    public const string AppointmentId = "appointment.id";

    /// <summary>Not a placeholder: the channel staff chose for a reply, which the dispatcher keeps to.</summary>
    public const string Channel = "reply.channel";

    public static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

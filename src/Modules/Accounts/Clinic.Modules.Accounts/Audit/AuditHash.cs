using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// SHA-256 over a canonical serialisation of an entry and the previous entry's hash. Every field is written
/// length-prefixed, with null distinct from empty, so no two different entries serialise to the same text.
/// </summary>
internal static class AuditHash
{
    // Names the serialisation; a future change of fields or encoding gets a new name, and old entries keep theirs.
    private const string Format = "clinic-audit-v1";

    public static string Of(AuditRow entry)
    {
        var text = new StringBuilder(Format);
        Append(text, Id(entry.Id));
        Append(text, Id(entry.TenantId));
        Append(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(text, entry.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(text, Id(entry.ActorId));
        Append(text, entry.ActorName);
        Append(text, entry.Action);
        Append(text, Id(entry.ClientId));
        Append(text, Id(entry.RecordId));
        Append(text, entry.Outcome);
        Append(text, entry.Ip);
        Append(text, entry.Device);
        Append(text, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>PostgreSQL keeps microseconds, .NET keeps ticks: stored instants are cut to what both keep, so they hash alike after a round trip.</summary>
    public static DateTimeOffset Storable(DateTimeOffset instant)
    {
        var utc = instant.UtcTicks;
        return new DateTimeOffset(utc - (utc % 10), TimeSpan.Zero);
    }

    private static string? Id(Guid? id) => id?.ToString("D");

    private static void Append(StringBuilder text, string? value)
    {
        if (value is null)
            text.Append("|-");
        else
            text.Append('|').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}

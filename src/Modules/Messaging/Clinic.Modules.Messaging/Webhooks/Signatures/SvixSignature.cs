using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.Modules.Messaging.Webhooks.Signatures;

/// <summary>Why a Svix-signed webhook (Resend's delivery events) was refused, or <see cref="Valid"/>.</summary>
internal enum SvixVerdict
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    TooOld,
    BadSecret,
    BadSignature,
}

/// <summary>
/// Checks Svix's signature headers: <c>svix-signature</c> holds space-separated <c>v1,&lt;base64&gt;</c> entries, each an
/// HMAC-SHA256 of <c>{svix-id}.{svix-timestamp}.{raw body}</c> keyed with the base64 part of the <c>whsec_</c> secret.
/// One matching entry is enough (Svix sends several while a secret is rotated). A timestamp more than five minutes
/// from now, either way, is refused, so a captured request cannot be replayed later; replays inside the window are the
/// caller's to drop by svix-id.
/// </summary>
internal sealed class SvixSignature(TimeProvider time)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string SecretPrefix = "whsec_";

    public SvixVerdict Verify(string secret, string? id, string? timestamp, string? signatures, string body)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return SvixVerdict.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SvixVerdict.BadTimestamp;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > Tolerance.TotalSeconds)
            return SvixVerdict.TooOld;
        if (Key(secret) is not { } key)
            return SvixVerdict.BadSecret;

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry[..comma] != "v1")
                continue;
            var given = new byte[expected.Length];
            if (Convert.TryFromBase64String(entry[(comma + 1)..], given, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return SvixVerdict.Valid;
            }
        }

        return SvixVerdict.BadSignature;
    }

    /// <summary>Whether <paramref name="secret"/> looks like a Svix signing secret: <c>whsec_</c> and a base64 key.</summary>
    public static bool IsWellFormed(string secret) => secret.StartsWith(SecretPrefix, StringComparison.Ordinal) && Key(secret) is not null;

    private static byte[]? Key(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return encoded.Length == 0 ? null : Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

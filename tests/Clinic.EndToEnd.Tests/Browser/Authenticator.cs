using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>
/// The authenticator app in the test: it reads the key as text (RFC 4648 base32) and shows RFC 6238 codes, written
/// here from the RFCs rather than borrowed from the app, so a mistake in the app's TOTP cannot hide behind its own twin.
/// </summary>
internal sealed class Authenticator(byte[] key)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const long StepSeconds = 30;

    /// <summary>The key as the page shows it, spaces and all.</summary>
    public static Authenticator FromKeyText(string text)
    {
        var bits = 0;
        var buffer = 0;
        var key = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
                throw new FormatException($"'{c}' is not a base32 character in the key '{text}'.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                key.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return new Authenticator([.. key]);
    }

    /// <summary>The 30-second step <paramref name="now"/> falls in: the app's now, which the phone's clock agrees with.</summary>
    public static long StepAt(DateTimeOffset now) => now.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The six digits for a 30-second step (RFC 4226 dynamic truncation of HMAC-SHA1 over the step).</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 6238 authenticator apps use HMAC-SHA1, which SHA-1 collisions do not weaken.")]
    public string CodeFor(long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var number = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        return (number % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}

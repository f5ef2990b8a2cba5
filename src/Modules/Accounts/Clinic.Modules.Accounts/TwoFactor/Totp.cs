using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Clinic.Modules.Accounts.TwoFactor;

/// <summary>
/// Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps. Written here because Identity's own
/// generator is internal and a dozen lines are clearer than a dependency.
/// </summary>
internal static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Codes from one step before or after the server's clock are accepted, for phones whose clocks drift.</summary>
    public const int Window = 1;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The code for a step, zero-padded to <paramref name="digits"/> (RFC 4226 dynamic truncation).</summary>
    [SuppressMessage("Security", "CA5350", Justification = "Authenticator apps implement RFC 6238 with HMAC-SHA1, which SHA-1 collisions do not weaken.")]
    public static string Code(byte[] key, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The step the code belongs to, if it matches a step within the window and is later than <paramref name="lastUsedStep"/>;
    /// a code already used (or one older than it) is refused, so a code seen over a shoulder cannot be replayed.
    /// </summary>
    public static long? Verify(byte[] key, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        var typed = Normalize(code);
        if (typed is not { Length: Digits })
            return null;
        var current = StepAt(now);
        for (var step = current - Window; step <= current + Window; step++)
        {
            if (step <= lastUsedStep)
                continue;
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(typed)))
                return step;
        }

        return null;
    }

    /// <summary>The digits of what was typed, ignoring spaces and dashes people add when copying.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null)
            return null;
        var digits = code.Where(c => c is not (' ' or '-')).ToArray();
        return digits.All(char.IsAsciiDigit) ? new string(digits) : null;
    }

    /// <summary>A new 160-bit key, the size RFC 4226 recommends for HMAC-SHA1.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The otpauth URI that authenticator apps read from the QR code.</summary>
    public static string Uri(string issuer, string account, byte[] key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}"
        + $"?secret={Base32.Encode(key)}&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Step.TotalSeconds}";
}

using System.Security.Cryptography;
using System.Text;

namespace Clinic.Modules.Messaging.Webhooks.Signatures;

/// <summary>
/// Checks Twilio's <c>X-Twilio-Signature</c>: Base64 of HMAC-SHA1, keyed with the account's auth token, over the full
/// URL Twilio called followed by each POST parameter's name and value, sorted by name (ordinal, as Twilio sorts).
/// </summary>
internal static class TwilioSignature
{
    public static bool IsValid(string authToken, string fullUrl, IEnumerable<KeyValuePair<string, string>> postParameters, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
            return false;

        byte[] given;
        try
        {
            given = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(authToken, fullUrl, postParameters), given);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio's signature scheme is HMAC-SHA1; the algorithm is theirs to choose.")]
    public static byte[] Compute(string authToken, string fullUrl, IEnumerable<KeyValuePair<string, string>> postParameters)
    {
        var signed = new StringBuilder(fullUrl);
        // A repeated name keeps each value; values of one name are sorted too so the order Twilio sent them in never matters.
        foreach (var (name, value) in postParameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            signed.Append(name).Append(value);
        return HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed.ToString()));
    }
}

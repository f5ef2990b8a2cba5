using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.BuildingBlocks.Security;

/// <summary>Single-use secrets sent in links: only their SHA-256 is stored, so a leaked table cannot be replayed.</summary>
public static class SecretToken
{
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

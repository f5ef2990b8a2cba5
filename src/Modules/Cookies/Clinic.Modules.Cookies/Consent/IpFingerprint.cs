using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Cookies.Consent;

/// <summary>
/// The visitor's address as a keyed hash with a random salt of the clinic's own: the log can show two entries came
/// from one address without holding the address, and a hash from one clinic says nothing at another.
/// </summary>
internal static class IpFingerprint
{
    public static async Task<string> OfAsync(DbSession db, IPAddress? address)
    {
        if (address is null)
            return "";

        var salt = await db.ExecuteScalarAsync<string>("SELECT salt FROM cookies_salts WHERE tenant_id = @tenant_id");
        if (salt is null)
        {
            await db.ExecuteAsync(
                "INSERT INTO cookies_salts (tenant_id, salt) VALUES (@tenant_id, @salt) ON CONFLICT (tenant_id) DO NOTHING",
                new { salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            salt = await db.ExecuteScalarAsync<string>("SELECT salt FROM cookies_salts WHERE tenant_id = @tenant_id");
        }

        var hash = HMACSHA256.HashData(Convert.FromBase64String(salt!), Encoding.ASCII.GetBytes(address.MapToIPv6().ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

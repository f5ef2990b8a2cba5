using Microsoft.AspNetCore.DataProtection;

namespace Clinic.BuildingBlocks.Security;

/// <summary>
/// Seals the secrets that events carry (ADR 0018). The module that makes a secret seals it; only the one that sends it
/// opens it, at the moment it goes out.
/// </summary>
public sealed class SecretSeal(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Clinic.SealedSecret.v1");

    public SealedSecret Seal(string secret) => new(_protector.Protect(secret));

    public string Open(SealedSecret secret) => _protector.Unprotect(secret.Ciphertext);
}

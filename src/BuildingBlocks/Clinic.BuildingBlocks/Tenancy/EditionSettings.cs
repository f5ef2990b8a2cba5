namespace Clinic.BuildingBlocks.Tenancy;

/// <summary>
/// The edition this host runs, for the few places where behaviour is switched by it, and in the SaaS edition the host
/// name where the operator console is served (<c>Clinic:Platform:Host</c>).
/// </summary>
public sealed record EditionSettings(Edition Edition, string? PlatformHost = null)
{
    public const string PlatformHostKey = "Clinic:Platform:Host";

    public bool IsMultiTenant => Edition == Edition.MultiTenant;

    /// <summary>Whether the operator console answers at <paramref name="host"/>: only at the platform host, only in the SaaS edition.</summary>
    public bool ServesConsoleAt(string host) =>
        IsMultiTenant && !string.IsNullOrEmpty(PlatformHost) && string.Equals(host, PlatformHost, StringComparison.OrdinalIgnoreCase);
}

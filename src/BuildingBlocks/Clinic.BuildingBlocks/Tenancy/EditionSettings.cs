namespace Clinic.BuildingBlocks.Tenancy;

/// <summary>The edition this host runs, for the few places where behaviour is switched by it.</summary>
public sealed record EditionSettings(Edition Edition)
{
    public bool IsMultiTenant => Edition == Edition.MultiTenant;
}

namespace Clinic.BuildingBlocks.Tenancy;

/// <summary>The clinic the current request or job acts for.</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The tenant, or an exception when code that needs one runs without it.</summary>
    Guid Required => TenantId ?? throw new InvalidOperationException("No clinic is selected for this operation.");
}

/// <summary>Set once per request by the host, or by a job before it works for a clinic.</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Use(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
            throw new InvalidOperationException("The clinic of this scope is already set.");
        TenantId = tenantId;
    }
}

namespace Clinic.BuildingBlocks.Tenancy;

public enum Edition
{
    /// <summary>One clinic, self-hosted; exactly one tenant.</summary>
    SingleClinic,

    /// <summary>An operator hosts many clinics; the tenant comes from the request's host name.</summary>
    MultiTenant,
}

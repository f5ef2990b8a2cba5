namespace Clinic.Modules.Accounts.Contracts;

/// <summary>Changes the current clinic's time zone, which Accounts keeps on the clinic's own record.</summary>
public interface IClinicTimeZone
{
    /// <summary>Sets an IANA zone id such as "Asia/Karachi" (audited); false when this system does not know the zone.</summary>
    Task<bool> ChangeAsync(string zone, CancellationToken ct);
}

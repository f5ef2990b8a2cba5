namespace Clinic.Modules.Accounts.Contracts;

public sealed record StaffMember(Guid Id, string Name, string Email, string Role);

/// <summary>The current clinic's active staff, for modules that assign work to people.</summary>
public interface IStaffDirectory
{
    Task<IReadOnlyList<StaffMember>> ActiveAsync(CancellationToken ct);
}

using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Staff;

internal sealed class StaffDirectory(TenantDb tenantDb) : IStaffDirectory
{
    public async Task<IReadOnlyList<StaffMember>> ActiveAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var staff = await db.QueryAsync<StaffAccount>(
            """
            SELECT id AS Id, tenant_id AS TenantId, name AS Name, email AS Email, role AS Role, active AS Active
            FROM accounts_staff
            WHERE tenant_id = @tenant_id AND active = TRUE
            ORDER BY name
            """);
        return [.. staff.Select(s => new StaffMember(s.Id, s.Name, s.Email, s.Role))];
    }
}

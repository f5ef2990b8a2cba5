using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Staff;

internal sealed class StaffDirectory(TenantDb tenantDb) : IStaffDirectory
{
    public async Task<IReadOnlyList<StaffMember>> ActiveAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var staff = await db.QueryAsync<StaffMember>(
            """
            SELECT id AS Id, name AS Name, email AS Email, role AS Role
            FROM accounts_staff
            WHERE tenant_id = @tenant_id AND active = TRUE
            ORDER BY name
            """);
        return staff;
    }
}

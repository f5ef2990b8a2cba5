using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Accounts.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Accounts.Startup;

/// <summary>The demo clinic's three staff. The owner's password is new on every --demo start and printed once.</summary>
internal static class DemoStaff
{
    public const string OwnerEmail = "owner@example.com";

    private static readonly (string Email, string Name, string Role)[] Team =
    [
        (OwnerEmail, "Amna Siddiqui", Roles.Owner),
        ("reception@example.com", "Bilal Khan", Roles.Reception),
        ("clinician@example.com", "Dr. Sara Malik", Roles.Clinician),
    ];

    public static async Task EnsureAsync(DbSession db, StaffAccounts staff, ILogger logger)
    {
        var password = SecretToken.Create()[..16];
        foreach (var (email, name, role) in Team)
        {
            if (await StaffAccounts.FindAsync(db, email) is null)
                await staff.CreateAsync(db, email, name, role, password);
        }

        var hash = new PasswordHasher<StaffAccount>().HashPassword(null!, password);
        foreach (var (email, _, _) in Team)
            await db.ExecuteAsync("UPDATE accounts_staff SET password_hash = @hash WHERE tenant_id = @tenant_id AND email = @email", new { hash, email });
        logger.LogWarning("Demo clinic ready. Sign in as {Email} (or reception@ / clinician@example.com) with password {Password}", OwnerEmail, password);
    }
}

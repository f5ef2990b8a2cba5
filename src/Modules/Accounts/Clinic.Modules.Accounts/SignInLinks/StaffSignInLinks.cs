using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Accounts.SignInLinks;

/// <summary>Whether the clinic lets staff sign in with an emailed link instead of their password. Off until the owner turns it on.</summary>
internal static class StaffSignInLinks
{
    public const string ChangedAction = "settings.staff_sign_in_links_changed";

    public static Task<bool> AllowedAsync(DbSession db) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM accounts_clinic_settings WHERE tenant_id = @tenant_id AND staff_sign_in_links = @yes)",
            new { yes = true });

    public static Task SetAllowedAsync(DbSession db, bool allowed) =>
        db.ExecuteAsync(
            """
            INSERT INTO accounts_clinic_settings (tenant_id, require_two_factor, staff_sign_in_links) VALUES (@tenant_id, @no, @allowed)
            ON CONFLICT (tenant_id) DO UPDATE SET staff_sign_in_links = excluded.staff_sign_in_links
            """,
            new { allowed, no = false });
}

using System.Security.Claims;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;

namespace Clinic.Modules.Accounts.Sessions;

/// <summary>
/// Sensitive actions (changing a role, exporting the audit trail) ask for the password again unless the member
/// proved who they are within the confirmation window: a session left open on a shared desk is not enough.
/// </summary>
internal sealed class RecentConfirmation(TenantDb tenantDb, StaffSessions sessions)
{
    public const string Path = "/account/confirm";

    public async Task<bool> IsRecentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (StaffSession.SessionOf(user) is not { } id)
            return false;
        await using var db = await tenantDb.ReadAsync(ct);
        return await sessions.FindAsync(db, id) is { } session && sessions.IsRecentlyConfirmed(session);
    }

    /// <summary>The confirmation page, returning to <paramref name="returnUrl"/> afterwards.</summary>
    public static string PathFor(string returnUrl) => $"{Path}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// Only same-site paths: an attacker's link must not bounce a fresh sign-in to their site. Browsers drop tabs and
    /// line breaks from addresses, so "/\t/evil.example" would become "//evil.example": any control character is refused.
    /// </summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl) ? url : StaffStart.Path;
}

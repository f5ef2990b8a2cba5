using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.SignInLinks;

namespace Clinic.Modules.Accounts.Features.SignInMethods;

/// <summary>The owner decides whether staff may sign in with an emailed link instead of their password.</summary>
internal static class SignInMethods
{
    public const string Path = "/staff/sign-in-settings";

    internal sealed class Request
    {
        public bool AllowLinks { get; set; }
    }

    internal sealed class Handler(TenantDb tenantDb, IAuditTrail audit)
    {
        public async Task<bool> LinksAllowedAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await StaffSignInLinks.AllowedAsync(db);
        }

        public async Task SaveAsync(Request request, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            await StaffSignInLinks.SetAllowedAsync(db, request.AllowLinks);
            await audit.RecordAsync(db, new AuditEntry(StaffSignInLinks.ChangedAction));
            await db.CommitAsync();
        }
    }
}

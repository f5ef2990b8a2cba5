using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Sessions;

namespace Clinic.Modules.Accounts.Features.MySessions;

/// <summary>The signed-in staff member's own active sessions, any of which they can end.</summary>
internal static class MySessions
{
    /// <summary>What every staff member may do to their own account: see their sessions, change their password.</summary>
    public const string Permission = "account.self";

    internal sealed class Request
    {
        public string? SessionId { get; set; }
    }

    internal sealed class Handler(TenantDb tenantDb, StaffSessions sessions)
    {
        public async Task<IReadOnlyList<StoredSession>> ListAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await sessions.ActiveAsync(db, staffId);
        }

        /// <summary>Ends one of the staff member's sessions; false when the id is not one of theirs (or is already ended).</summary>
        public async Task<bool> EndAsync(Guid staffId, string? sessionId, CancellationToken ct)
        {
            if (!Guid.TryParse(sessionId, out var id))
                return false;

            await using var db = await tenantDb.BeginAsync(ct);
            var session = await sessions.FindAsync(db, id);
            if (session is null || session.HolderId != staffId || !await sessions.EndAsync(db, id, SessionStore.EndedByUser))
                return false;
            await db.CommitAsync();
            return true;
        }
    }
}

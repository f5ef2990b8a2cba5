using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
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

        /// <summary>The signed-in member, never from the form.</summary>
        public Guid StaffId { get; set; }
    }

    internal sealed class Form(TenantDb tenantDb, StaffSessions sessions)
    {
        public async Task<IReadOnlyList<StoredSession>> ListAsync(Guid staffId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await sessions.ActiveAsync(db, staffId);
        }
    }

    /// <summary>Ends one of the staff member's sessions; not found when the id is not one of theirs (or is already ended).</summary>
    internal sealed class Handler(StaffSessions sessions) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            if (!Guid.TryParse(command.SessionId, out var id))
                return Outcome.NotFound;
            var session = await sessions.FindAsync(change.Db, id);
            if (session is null || session.HolderId != command.StaffId || !await sessions.EndAsync(change, id, SessionStore.EndedByUser))
                return Outcome.NotFound;
            return id;
        }
    }
}

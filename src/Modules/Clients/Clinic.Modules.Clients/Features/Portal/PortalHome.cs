using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Clients.Features.Portal;

/// <summary>
/// The client portal's first page: the client's own details, under the sections other modules contribute (their
/// upcoming appointments, from Booking).
/// </summary>
internal static class PortalHome
{
    public const string Permission = "portal.self";
    public const string AuditAction = "clients.portal_viewed";

    internal sealed class Profile
    {
        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Phone { get; init; }

        public string? Email { get; init; }

        public DateOnly? DateOfBirth { get; init; }
    }

    internal sealed class Handler(UnitOfWork work)
    {
        /// <summary>The client's own record, or null when it no longer exists; the view is audited as the client's own access.</summary>
        public Task<Profile?> HandleAsync(Guid clientId, CancellationToken ct) =>
            work.ReadAsync(
                async change =>
                {
                    var found = await change.Db.QuerySingleOrDefaultAsync<Profile>(
                        """
                        SELECT first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email, date_of_birth AS DateOfBirth
                        FROM clients_clients
                        WHERE tenant_id = @tenant_id AND id = @clientId
                        """,
                        new { clientId });
                    change.Audit(new AuditEntry(AuditAction, found is null ? AuditOutcome.Failure : AuditOutcome.Success) { ClientId = clientId });
                    return found;
                },
                ct);
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Clients.Features.ChangeConsent;

namespace Clinic.Modules.Clients.Features.ClientProfile;

/// <summary>One client's profile, as reception and clinicians see it; every view is recorded in the audit trail.</summary>
internal static class ClientProfile
{
    public const string AuditAction = "clients.viewed";

    internal sealed class Profile
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? PreferredName { get; init; }

        public string? Phone { get; init; }

        public string? Email { get; init; }

        public DateOnly? DateOfBirth { get; init; }

        public string? Gender { get; init; }

        public string? Address { get; init; }

        public string? EmergencyContactName { get; init; }

        public string? EmergencyContactRelationship { get; init; }

        public string? EmergencyContactPhone { get; init; }

        public string? GuardianName { get; init; }

        public string? GuardianRelationship { get; init; }

        public string? GuardianPhone { get; init; }

        public string? GuardianEmail { get; init; }

        public string? Notes { get; init; }

        public IReadOnlyList<string> Tags { get; set; } = [];

        public IReadOnlyList<ConsentLine> Consents { get; set; } = [];
    }

    internal sealed class Handler(TenantDb tenantDb, ConsentHistory history, IAuditTrail audit)
    {
        /// <summary>The profile, or null for an unknown id, a malformed one, or another clinic's client alike.</summary>
        public async Task<Profile?> HandleAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return null;

            // A write transaction for a read: the view is recorded with it, and commits or rolls back with it.
            await using var db = await tenantDb.BeginAsync(ct);
            var profile = await db.QuerySingleOrDefaultAsync<Profile>(
                """
                SELECT id AS Id, first_name AS FirstName, last_name AS LastName, preferred_name AS PreferredName, phone AS Phone,
                    email AS Email, date_of_birth AS DateOfBirth, gender AS Gender, address AS Address,
                    emergency_contact_name AS EmergencyContactName, emergency_contact_relationship AS EmergencyContactRelationship,
                    emergency_contact_phone AS EmergencyContactPhone, guardian_name AS GuardianName,
                    guardian_relationship AS GuardianRelationship, guardian_phone AS GuardianPhone, guardian_email AS GuardianEmail,
                    notes AS Notes
                FROM clients_clients
                WHERE tenant_id = @tenant_id AND id = @clientId
                """,
                new { clientId });
            if (profile is null)
                return null;

            profile.Tags = await db.QueryAsync<string>(
                "SELECT tag FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @clientId ORDER BY tag",
                new { clientId });
            var consents = await ConsentHistory.ReadAsync(db, clientId);
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { ClientId = clientId });
            await db.CommitAsync();
            profile.Consents = await history.DescribeAsync(consents, ct);
            return profile;
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Clients.Features.EditClient;

/// <summary>Reception corrects a client's profile, under the same rules as adding one.</summary>
internal static class EditClient
{
    public const string AuditAction = "clients.changed";

    internal sealed class Handler(TenantDb tenantDb, TimeProvider time, IAuditTrail audit)
    {
        /// <summary>The form filled with what is stored, or null for an unknown, malformed or other clinic's id. Opening it is a read, so it is audited as one.</summary>
        public async Task<AddClient.AddClient.Request?> LoadAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return null;

            await using var db = await tenantDb.BeginAsync(ct);
            var request = await db.QuerySingleOrDefaultAsync<AddClient.AddClient.Request>(
                """
                SELECT first_name AS FirstName, last_name AS LastName, preferred_name AS PreferredName, phone AS Phone,
                    email AS Email, CAST(date_of_birth AS text) AS DateOfBirth, gender AS Gender, address AS Address,
                    emergency_contact_name AS EmergencyContactName, emergency_contact_relationship AS EmergencyContactRelationship,
                    emergency_contact_phone AS EmergencyContactPhone, guardian_name AS GuardianName,
                    guardian_relationship AS GuardianRelationship, guardian_phone AS GuardianPhone, guardian_email AS GuardianEmail,
                    notes AS Notes, preferred_language AS PreferredLanguage
                FROM clients_clients
                WHERE tenant_id = @tenant_id AND id = @clientId
                """,
                new { clientId });
            if (request is null)
                return null;

            var tags = await db.QueryAsync<string>(
                "SELECT tag FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @clientId ORDER BY tag",
                new { clientId });
            request.Tags = string.Join(", ", tags);
            await audit.RecordAsync(db, new AuditEntry(ClientProfile.ClientProfile.AuditAction) { ClientId = clientId });
            await db.CommitAsync();
            return request;
        }

        /// <summary>Stores a request the validator accepted; false when there is no such client in this clinic.</summary>
        public async Task<bool> HandleAsync(string id, AddClient.AddClient.Request request, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return false;

            await using var db = await tenantDb.BeginAsync(ct);
            var changed = await db.ExecuteAsync(
                """
                UPDATE clients_clients SET first_name = @firstName, last_name = @lastName, preferred_name = @preferredName, phone = @phone,
                    email = @email, date_of_birth = @born, gender = @gender, address = @address,
                    emergency_contact_name = @emergencyName, emergency_contact_relationship = @emergencyRelationship,
                    emergency_contact_phone = @emergencyPhone, guardian_name = @guardianName, guardian_relationship = @guardianRelationship,
                    guardian_phone = @guardianPhone, guardian_email = @guardianEmail, notes = @notes,
                    preferred_language = @language
                WHERE tenant_id = @tenant_id AND id = @id
                """,
                request.Columns(clientId, time.GetUtcNow()));
            if (changed == 0)
                return false;

            await db.ExecuteAsync("DELETE FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @clientId", new { clientId });
            foreach (var tag in request.TagList)
                await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @clientId, @tag)", new { clientId, tag });
            await audit.RecordAsync(db, new AuditEntry(AuditAction) { ClientId = clientId });
            await db.CommitAsync();
            return true;
        }
    }
}

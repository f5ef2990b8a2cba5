using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Clients.Directory;

namespace Clinic.Modules.Clients.Features.MergeClients;

/// <summary>
/// Staff keep one client record and merge its duplicates into it: tags and consent history move over, blank fields
/// are filled from the merged record, the merged record is deleted, and other modules move their references when
/// they receive <see cref="ClientsMerged"/>, published in the same transaction.
/// </summary>
internal static class MergeClients
{
    public const string AuditAction = "clients.merged";

    internal sealed class Request
    {
        /// <summary>The record kept, from the route.</summary>
        public string? KeptId { get; set; }

        public List<string>? MergeIds { get; set; }
    }

    /// <summary>The record to keep and the records that share its mobile or email, which may be merged into it.</summary>
    internal sealed record Candidates(ClientRecord Kept, IReadOnlyList<ClientRecord> Duplicates);

    /// <summary>Null for an unknown, malformed or other clinic's id; audited as a view of every client shown.</summary>
    internal sealed class Form(UnitOfWork work)
    {
        public async Task<Candidates?> ReadAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var keptId))
                return null;

            return await work.ReadAsync(
                async change =>
                {
                    var candidates = await Handler.CandidatesAsync(change.Db, keptId);
                    foreach (var client in candidates?.Duplicates.Prepend(candidates.Kept) ?? [])
                        change.Audit(new AuditEntry(ClientProfile.ClientProfile.AuditAction) { ClientId = client.Id });
                    return candidates;
                },
                ct);
        }
    }

    /// <summary>Merges the chosen duplicates into the kept record; the answer is the kept record's id.</summary>
    internal sealed class Handler : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            if (!Guid.TryParse(command.KeptId, out var keptId))
                return Outcome.NotFound;

            var candidates = await CandidatesAsync(change.Db, keptId);
            if (candidates is null)
                return Outcome.NotFound;

            var chosen = (command.MergeIds ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var merged = candidates.Duplicates.Where(d => chosen.Contains(d.Id.ToString(), StringComparer.OrdinalIgnoreCase)).ToList();
            if (merged.Count == 0 || merged.Count != chosen.Count)
                return Outcome.Invalid(nameof(Request.MergeIds), "Choose at least one record that shares this client's mobile or email.");

            foreach (var duplicate in merged)
            {
                await MergeAsync(change.Db, keptId, duplicate);
                change.Publish(new ClientsMerged(keptId, duplicate.Id));
                change.Audit(new AuditEntry(AuditAction) { ClientId = keptId, RecordId = duplicate.Id });
                change.Audit(new AuditEntry(AuditAction) { ClientId = duplicate.Id, RecordId = keptId });
            }

            return keptId;
        }

        internal static async Task<Candidates?> CandidatesAsync(DbSession db, Guid keptId)
        {
            var kept = await db.QuerySingleOrDefaultAsync<ClientRecord>(
                $"SELECT {ClientRecord.Columns} FROM clients_clients WHERE tenant_id = @tenant_id AND id = @keptId", new { keptId });
            if (kept is null)
                return null;

            var duplicates = await db.QueryAsync<ClientRecord>(
                $"""
                SELECT {ClientRecord.Columns}
                FROM clients_clients
                WHERE tenant_id = @tenant_id AND id <> @keptId AND (phone = @phone OR lower(email) = lower(@email))
                ORDER BY created_at, id
                """,
                new { keptId, phone = kept.Phone, email = kept.Email });
            return new Candidates(kept, duplicates);
        }

        private static async Task MergeAsync(DbSession db, Guid keptId, ClientRecord merged)
        {
            var mergedId = merged.Id;
            await db.ExecuteAsync(
                """
                INSERT INTO clients_client_tags (tenant_id, client_id, tag)
                SELECT tenant_id, @keptId, tag FROM clients_client_tags m
                WHERE m.tenant_id = @tenant_id AND m.client_id = @mergedId AND NOT EXISTS (
                    SELECT 1 FROM clients_client_tags k WHERE k.tenant_id = @tenant_id AND k.client_id = @keptId AND lower(k.tag) = lower(m.tag))
                """,
                new { keptId, mergedId });
            await db.ExecuteAsync("DELETE FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @mergedId", new { mergedId });
            await db.ExecuteAsync(
                "UPDATE clients_consent_changes SET client_id = @keptId WHERE tenant_id = @tenant_id AND client_id = @mergedId", new { keptId, mergedId });
            // Blank fields are stored as NULL, so COALESCE keeps every value the kept record has and fills only the gaps.
            await db.ExecuteAsync(
                """
                UPDATE clients_clients SET
                    preferred_name = COALESCE(preferred_name, @PreferredName), phone = COALESCE(phone, @Phone), email = COALESCE(email, @Email),
                    date_of_birth = COALESCE(date_of_birth, @DateOfBirth), gender = COALESCE(gender, @Gender), address = COALESCE(address, @Address),
                    emergency_contact_name = COALESCE(emergency_contact_name, @EmergencyContactName),
                    emergency_contact_relationship = COALESCE(emergency_contact_relationship, @EmergencyContactRelationship),
                    emergency_contact_phone = COALESCE(emergency_contact_phone, @EmergencyContactPhone),
                    guardian_name = COALESCE(guardian_name, @GuardianName), guardian_relationship = COALESCE(guardian_relationship, @GuardianRelationship),
                    guardian_phone = COALESCE(guardian_phone, @GuardianPhone), guardian_email = COALESCE(guardian_email, @GuardianEmail),
                    notes = COALESCE(notes, @Notes)
                WHERE tenant_id = @tenant_id AND id = @keptId
                """,
                new
                {
                    keptId, merged.PreferredName, merged.Phone, merged.Email, merged.DateOfBirth, merged.Gender, merged.Address,
                    merged.EmergencyContactName, merged.EmergencyContactRelationship, merged.EmergencyContactPhone,
                    merged.GuardianName, merged.GuardianRelationship, merged.GuardianPhone, merged.GuardianEmail, merged.Notes,
                });
            await db.ExecuteAsync("DELETE FROM clients_clients WHERE tenant_id = @tenant_id AND id = @mergedId", new { mergedId });
        }
    }
}

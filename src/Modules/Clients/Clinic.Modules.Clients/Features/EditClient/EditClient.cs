using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using FluentValidation;

namespace Clinic.Modules.Clients.Features.EditClient;

/// <summary>Reception corrects a client's profile, under the same rules as adding one.</summary>
internal static class EditClient
{
    public const string AuditAction = "clients.changed";

    /// <summary>The profile's fields, and which client they are for (from the route, never from the form).</summary>
    internal sealed class Command : AddClient.AddClient.Request
    {
        public string? ClientId { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AddClient.AddClient.Validator profile) => Include(profile);
    }

    /// <summary>The form filled with what is stored, or null for an unknown, malformed or other clinic's id. Opening it is a read, so it is audited as one.</summary>
    internal sealed class Form(UnitOfWork work)
    {
        public async Task<Command?> ReadAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return null;

            return await work.ReadAsync(
                async change =>
                {
                    var command = await change.Db.QuerySingleOrDefaultAsync<Command>(
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
                    if (command is null)
                        return null;

                    var tags = await change.Db.QueryAsync<string>(
                        "SELECT tag FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @clientId ORDER BY tag",
                        new { clientId });
                    command.Tags = string.Join(", ", tags);
                    change.Audit(new AuditEntry(ClientProfile.ClientProfile.AuditAction) { ClientId = clientId });
                    return command;
                },
                ct);
        }
    }

    internal sealed class Handler(TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Command command, Change change)
        {
            if (!Guid.TryParse(command.ClientId, out var clientId))
                return Outcome.NotFound;

            var changed = await change.Db.ExecuteAsync(
                """
                UPDATE clients_clients SET first_name = @firstName, last_name = @lastName, preferred_name = @preferredName, phone = @phone,
                    email = @email, date_of_birth = @born, gender = @gender, address = @address,
                    emergency_contact_name = @emergencyName, emergency_contact_relationship = @emergencyRelationship,
                    emergency_contact_phone = @emergencyPhone, guardian_name = @guardianName, guardian_relationship = @guardianRelationship,
                    guardian_phone = @guardianPhone, guardian_email = @guardianEmail, notes = @notes,
                    preferred_language = @language
                WHERE tenant_id = @tenant_id AND id = @id
                """,
                command.Columns(clientId, time.GetUtcNow()));
            if (changed == 0)
                return Outcome.NotFound;

            await change.Db.ExecuteAsync("DELETE FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @clientId", new { clientId });
            foreach (var tag in command.TagList)
                await change.Db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @clientId, @tag)", new { clientId, tag });
            change.Audit(new AuditEntry(AuditAction) { ClientId = clientId });
            return clientId;
        }
    }
}

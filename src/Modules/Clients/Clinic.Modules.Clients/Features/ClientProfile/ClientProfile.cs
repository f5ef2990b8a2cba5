using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Clients.Directory;
using Clinic.Modules.Clients.Features.ChangeConsent;

namespace Clinic.Modules.Clients.Features.ClientProfile;

/// <summary>One client's profile, as reception and clinicians see it; every view is recorded in the audit trail.</summary>
internal static class ClientProfile
{
    public const string AuditAction = "clients.viewed";

    /// <summary>The stored profile with its tags and consent history.</summary>
    internal sealed class Profile : ClientRecord
    {
        public IReadOnlyList<string> Tags { get; set; } = [];

        public IReadOnlyList<ConsentLine> Consents { get; set; } = [];
    }

    internal sealed class Handler(UnitOfWork work, ConsentHistory history)
    {
        /// <summary>The profile, or null for an unknown id, a malformed one, or another clinic's client alike.</summary>
        public async Task<Profile?> HandleAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var clientId))
                return null;

            var (profile, consents) = await work.ReadAsync(change => ReadAsync(change, clientId), ct);
            if (profile is null)
                return null;

            profile.Consents = await history.DescribeAsync(consents, ct);
            return profile;
        }

        private static async Task<(Profile? Profile, IReadOnlyList<ConsentHistory.Row> Consents)> ReadAsync(Change change, Guid clientId)
        {
            var db = change.Db;
            var profile = await db.QuerySingleOrDefaultAsync<Profile>(
                $"""
                SELECT {ClientRecord.Columns}
                FROM clients_clients
                WHERE tenant_id = @tenant_id AND id = @clientId
                """,
                new { clientId });
            if (profile is null)
                return (null, []);

            profile.Tags = await db.QueryAsync<string>(
                "SELECT tag FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @clientId ORDER BY tag",
                new { clientId });
            var consents = await ConsentHistory.ReadAsync(db, clientId);
            change.Audit(new AuditEntry(AuditAction) { ClientId = clientId });
            return (profile, consents);
        }
    }
}

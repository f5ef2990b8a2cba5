using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Clients.Directory;

/// <summary>Consenting clients for marketing, read from the consent history so that only a current yes counts.</summary>
internal sealed class ClientSegments(TenantDb tenantDb, UnitOfWork work) : IClientSegments
{
    /// <summary>A campaign read which clients agree to marketing.</summary>
    public const string ReadAction = "clients.segment_read";

    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        return await db.QueryAsync<string>("SELECT DISTINCT tag FROM clients_client_tags WHERE tenant_id = @tenant_id ORDER BY tag");
    }

    public Task<IReadOnlyList<Guid>> ConsentingAsync(ContactChannel channel, string? tag, CancellationToken ct) =>
        work.ReadAsync(change => ConsentingAsync(change, channel, tag), ct);

    private static async Task<IReadOnlyList<Guid>> ConsentingAsync(Change change, ContactChannel channel, string? tag)
    {
        // The tag condition is left out rather than compared with a null parameter, which PostgreSQL cannot type.
        var ids = await change.Db.QueryAsync<Guid>(
            $"""
            SELECT c.id FROM clients_clients c
            WHERE c.tenant_id = @tenant_id
                {(tag is null ? "" : "AND EXISTS (SELECT 1 FROM clients_client_tags t WHERE t.tenant_id = c.tenant_id AND t.client_id = c.id AND t.tag = @tag)")}
                AND (SELECT k.granted FROM clients_consent_changes k
                     WHERE k.tenant_id = c.tenant_id AND k.client_id = c.id AND k.channel = @channel
                     ORDER BY k.changed_at DESC, k.id DESC LIMIT 1) = TRUE
            ORDER BY c.id
            """,
            new { tag, channel = Code(channel) });
        change.Audit(new AuditEntry(ReadAction));
        return ids;
    }

    private static string Code(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => "email",
        ContactChannel.Sms => "sms",
        _ => "whatsapp",
    };
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Clients.Features.ChangeConsent;

namespace Clinic.Modules.Clients.Directory;

/// <summary>Contacts and consents for Messaging, read when a message is sent so that a withdrawn consent holds at once.</summary>
internal sealed class ClientReachDirectory(UnitOfWork work, TimeProvider time) : IClientReach
{
    /// <summary>Messaging read a client's contacts to send them a message.</summary>
    public const string ReadAction = "clients.contacts_read";

    private const string Select =
        """
        SELECT id AS Id, first_name AS FirstName, last_name AS LastName, email AS Email, phone AS Phone, preferred_language AS Language
        FROM clients_clients
        """;

    public Task<ClientReach?> FindAsync(Guid clientId, CancellationToken ct) =>
        ReadAsync($"{Select} WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId }, ct);

    public Task<ClientReach?> FindByMobileAsync(string mobile, CancellationToken ct) =>
        ReadAsync($"{Select} WHERE tenant_id = @tenant_id AND phone = @mobile ORDER BY created_at, id LIMIT 1", new { mobile }, ct);

    public async Task<bool> ChangeConsentAsync(Guid clientId, ContactChannel channel, bool granted, string source, CancellationToken ct)
    {
        var outcome = await work.RunAsync(change => ChangeConsentAsync(change, clientId, channel, granted, source), ct);
        return outcome.Succeeded;
    }

    private async Task<Outcome<Guid>> ChangeConsentAsync(Change change, Guid clientId, ContactChannel channel, bool granted, string source)
    {
        var db = change.Db;
        if (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId }) == 0)
            return Outcome.NotFound;

        await db.ExecuteAsync(
            """
            INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at, changed_by)
            VALUES (@id, @tenant_id, @clientId, @channel, @granted, @source, @now, NULL)
            """,
            new { id = Guid.CreateVersion7(), clientId, channel = Code(channel), granted, source, now = time.GetUtcNow() });
        change.Audit(new AuditEntry(ChangeConsent.AuditAction) { ClientId = clientId });
        return clientId;
    }

    private Task<ClientReach?> ReadAsync(string sql, object parameters, CancellationToken ct) =>
        work.ReadAsync(change => ReadAsync(change, sql, parameters), ct);

    private static async Task<ClientReach?> ReadAsync(Change change, string sql, object parameters)
    {
        var db = change.Db;
        var row = await db.QuerySingleOrDefaultAsync<Row>(sql, parameters);
        if (row is null)
            return null;

        var consents = await ConsentsAsync(db, row.Id);
        change.Audit(new AuditEntry(ReadAction) { ClientId = row.Id });
        return new ClientReach(row.Id, row.FirstName, $"{row.FirstName} {row.LastName}", row.Email, row.Phone, row.Language, consents);
    }

    /// <summary>The channels whose newest change is a yes.</summary>
    private static async Task<IReadOnlySet<ContactChannel>> ConsentsAsync(DbSession db, Guid clientId)
    {
        var newestFirst = await ConsentHistory.ReadAsync(db, clientId);
        return newestFirst.GroupBy(r => r.Channel).Where(g => g.First().Granted).Select(g => Channel(g.Key)).ToHashSet();
    }

    private static string Code(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => "email",
        ContactChannel.Sms => "sms",
        _ => "whatsapp",
    };

    private static ContactChannel Channel(string code) => code switch
    {
        "email" => ContactChannel.Email,
        "sms" => ContactChannel.Sms,
        _ => ContactChannel.WhatsApp,
    };

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Email { get; init; }

        public string? Phone { get; init; }

        public string Language { get; init; } = "en";
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Clients.Features.AddClient;
using Clinic.Modules.Clients.Features.SearchClients;

namespace Clinic.Modules.Clients.Directory;

internal sealed class ClientDirectory(TenantDb tenantDb, UnitOfWork work, IAuditTrail audit, TimeProvider time, SearchClients.Handler search) : IClientDirectory
{
    /// <summary>A public form matched an existing client by phone or email.</summary>
    public const string MatchedAction = "clients.matched";

    private const string SelectContact = "SELECT id AS Id, first_name AS FirstName, last_name AS LastName, email AS Email FROM clients_clients";

    // Not audited here: other modules look up names to label their own pages (the schedule, demo seeding at start-up),
    // and the trail records what a person opened, so the page that shows the names records the access.
    public async Task<IReadOnlyList<ClientSummary>> ListAsync(int limit, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var rows = await db.QueryAsync<Row>(
            """
            SELECT id AS Id, first_name AS FirstName, last_name AS LastName
            FROM clients_clients
            WHERE tenant_id = @tenant_id
            ORDER BY last_name, first_name
            LIMIT @limit
            """,
            new { limit });
        return [.. rows.Select(r => new ClientSummary(r.Id, $"{r.FirstName} {r.LastName}"))];
    }

    public async Task<ClientContact?> FindByEmailAsync(string email, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"{SelectContact} WHERE tenant_id = @tenant_id AND lower(email) = @email ORDER BY created_at, id LIMIT 1",
            new { email = email.Trim().ToLowerInvariant() });
        return row is null ? null : new ClientContact(row.Id, $"{row.FirstName} {row.LastName}", row.Email!);
    }

    public async Task<ClientContact?> FindAsync(Guid clientId, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        return await FindAsync(db, clientId);
    }

    public async Task<ClientContact?> FindAsync(DbSession db, Guid clientId)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>($"{SelectContact} WHERE tenant_id = @tenant_id AND id = @clientId", new { clientId });
        return row is null ? null : new ClientContact(row.Id, $"{row.FirstName} {row.LastName}", row.Email ?? "");
    }

    public async Task<ClientContact> FindOrAddAsync(NewClient client, CancellationToken ct) =>
        (await work.RunAsync<ClientContact>(async change => await FindOrAddAsync(change.Db, client), ct)).Value!;

    /// <summary>In the caller's transaction, which another module opened: the entry is recorded in it, to commit or roll back with it.</summary>
    public async Task<ClientContact> FindOrAddAsync(DbSession db, NewClient client)
    {
        var email = string.IsNullOrWhiteSpace(client.Email) ? null : client.Email.Trim();
        // Several clients may share a mobile or an email (a parent books for their children), so no unique index can
        // keep two forms from adding the same person at once; they queue on what they match by instead.
        await db.LockAsync(["clients.mobile:" + client.Phone.Value, .. email is null ? [] : new[] { "clients.email:" + email.ToLowerInvariant() }]);
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"""
            {SelectContact}
            WHERE tenant_id = @tenant_id AND (phone = @phone OR (@email IS NOT NULL AND lower(email) = lower(@email)))
            ORDER BY CASE WHEN phone = @phone THEN 0 ELSE 1 END, created_at, id
            LIMIT 1
            """,
            new { phone = client.Phone.Value, email });
        var id = row?.Id ?? Guid.CreateVersion7();
        if (row is null)
        {
            await db.ExecuteAsync(
                """
                INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at)
                VALUES (@id, @tenant_id, @firstName, @lastName, @phone, @email, @now)
                """,
                new { id, firstName = client.FirstName.Trim(), lastName = client.LastName.Trim(), phone = client.Phone.Value, email, now = time.GetUtcNow() });
        }

        await audit.RecordAsync(db, new AuditEntry(row is null ? AddClient.AuditAction : MatchedAction) { ClientId = id });
        return row is null
            ? new ClientContact(id, $"{client.FirstName.Trim()} {client.LastName.Trim()}", email ?? "")
            : new ClientContact(row.Id, $"{row.FirstName} {row.LastName}", row.Email ?? "");
    }

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken ct)
    {
        // One indexed lookup per id in a single read transaction: a day's calendar names a few hundred clients at most.
        var names = new Dictionary<Guid, string>();
        await using var db = await tenantDb.ReadAsync(ct);
        foreach (var clientId in clientIds.Distinct())
        {
            var row = await db.QuerySingleOrDefaultAsync<Row>(
                "SELECT id AS Id, first_name AS FirstName, last_name AS LastName FROM clients_clients WHERE tenant_id = @tenant_id AND id = @clientId",
                new { clientId });
            if (row is not null)
                names[row.Id] = $"{row.FirstName} {row.LastName}";
        }

        return names;
    }

    public async Task<IReadOnlyList<ClientContact>> SearchAsync(string text, CancellationToken ct) =>
        [.. (await search.HandleAsync(text, ct)).Select(r => new ClientContact(r.Id, $"{r.FirstName} {r.LastName}", r.Email ?? ""))];

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Email { get; init; }
    }
}

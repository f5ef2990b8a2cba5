using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Accounts.ClientAccounts;

/// <summary>A client's portal identity: created the first time they ask to sign in, linked to their Clients record.</summary>
internal sealed class ClientAccount
{
    public Guid Id { get; init; }

    public Guid ClientId { get; init; }

    public string Email { get; init; } = "";

    /// <summary>The client's account, created on first use; the email follows the one on the client's record.</summary>
    public static async Task<ClientAccount> EnsureAsync(DbSession db, ClientContact client, DateTimeOffset now)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_client_accounts (id, tenant_id, client_id, email, created_at) VALUES (@id, @tenant_id, @clientId, @email, @now)
            ON CONFLICT (tenant_id, client_id) DO UPDATE SET email = excluded.email
            """,
            new { id = Guid.CreateVersion7(), clientId = client.Id, email = client.Email, now });
        return (await db.QuerySingleOrDefaultAsync<ClientAccount>(
            "SELECT id AS Id, client_id AS ClientId, email AS Email FROM accounts_client_accounts WHERE tenant_id = @tenant_id AND client_id = @clientId",
            new { clientId = client.Id }))!;
    }

    public static Task<ClientAccount?> FindAsync(DbSession db, Guid id) =>
        db.QuerySingleOrDefaultAsync<ClientAccount>(
            "SELECT id AS Id, client_id AS ClientId, email AS Email FROM accounts_client_accounts WHERE tenant_id = @tenant_id AND id = @id",
            new { id });
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.ClientAccounts;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Features.SignIn;
using Clinic.Modules.Accounts.SignInLinks;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Accounts.Features.PortalSignIn;

/// <summary>
/// Clients sign in to the portal with a link emailed to the address on their client record; they have no password.
/// The answer to a request is the same whether or not the email belongs to a client.
/// </summary>
internal static class PortalSignIn
{
    public const string LinkPath = "/portal/link";
    public const string PortalHome = "/portal";

    /// <summary>A client whose link worked: their account and the record it belongs to.</summary>
    internal sealed record SignedInClient(ClientAccount Account, ClientContact Client);

    // The Clients module can be switched off; without it there are no clients to sign in.
    internal sealed class Handler(IEnumerable<IClientDirectory> directories, TenantDb tenantDb, ITenantContext tenant, SignInLinkStore links, SignInRateLimits limits, IAuditTrail audit, TimeProvider time)
    {
        private readonly IClientDirectory? _clients = directories.FirstOrDefault();

        public bool Available => _clients is not null;

        /// <summary>Null when the request went ahead (a link was sent, or there was no one to send it to); otherwise how long to wait.</summary>
        public async Task<TimeSpan?> RequestAsync(LinkRequest request, string publicAddress, CancellationToken ct)
        {
            if (limits.RetryAfter(tenant.Required, request.Email!) is { } wait)
                return wait;

            var client = await _clients!.FindByEmailAsync(request.Email!, ct);
            await using var db = await tenantDb.BeginAsync(ct);
            if (client is not null)
            {
                var account = await ClientAccount.EnsureAsync(db, client, time.GetUtcNow());
                await links.IssueAsync(db, new SignedIn(account.Id, SignedIn.Client, account.Email, client.Name), publicAddress + LinkPath);
                await audit.RecordAsync(db, new AuditEntry(SignInLinkStore.RequestedAction) { ClientId = client.Id, Actor = new AuditActor(account.Id, client.Name) });
            }

            await db.CommitAsync();
            return null;
        }

        public async Task<bool> IsLiveAsync(string? token, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await links.IsLiveAsync(db, SignedIn.Client, token);
        }

        /// <summary>Spends the link; the client it signs in, or null when it does not work.</summary>
        public async Task<SignedInClient?> RedeemAsync(string? token, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var accountId = await links.RedeemAsync(db, SignedIn.Client, token);
            var account = accountId is { } id ? await ClientAccount.FindAsync(db, id) : null;
            var client = account is null ? null : await _clients!.FindAsync(account.ClientId, ct);
            if (account is null || client is null)
            {
                await audit.RecordAsync(db, new AuditEntry(SignInLinkStore.RefusedAction, AuditOutcome.Failure) { RecordId = accountId });
                await db.CommitAsync();
                return null;
            }

            await audit.RecordAsync(db, new AuditEntry(PasswordSignIn.Succeeded) { ClientId = client.Id, Actor = new AuditActor(account.Id, client.Name) });
            await db.CommitAsync();
            return new SignedInClient(account, client);
        }
    }
}

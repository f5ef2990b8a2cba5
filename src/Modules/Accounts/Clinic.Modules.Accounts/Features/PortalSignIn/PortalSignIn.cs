using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.ClientAccounts;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Features.SignIn;
using Clinic.Modules.Accounts.SignInLinks;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.PortalSignIn;

/// <summary>
/// Clients sign in to the portal with a link emailed to the address on their client record; they have no password.
/// The answer to a request is the same whether or not the email belongs to a client.
/// </summary>
internal static class PortalSignIn
{
    public const string LinkPath = "/portal/link";
    public const string PortalHome = "/portal";

    internal sealed class Request : LinkRequest;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => Include(new LinkRequest.Validator());
    }

    /// <summary>Spending a link: the token from the address, never from the form.</summary>
    internal sealed class Redeem
    {
        public string? Token { get; set; }
    }

    /// <summary>A client whose link worked: their account and the record it belongs to.</summary>
    internal sealed record SignedInClient(ClientAccount Account, ClientContact Client);

    // The Clients module can be switched off; without it there are no clients to sign in.
    internal sealed class Form(IEnumerable<IClientDirectory> directories, TenantDb tenantDb, SignInLinkStore links)
    {
        public bool Available { get; } = directories.Any();

        public async Task<bool> IsLiveAsync(string? token, CancellationToken ct)
        {
            if (!Available)
                return false;
            await using var db = await tenantDb.ReadAsync(ct);
            return await links.IsLiveAsync(db, SignedIn.Client, token);
        }
    }

    /// <summary>
    /// Sends a link when the email is a client's, and answers the same when it is not. The per-address rate limit is
    /// the page's, checked once before this runs, since a transaction may run again.
    /// </summary>
    internal sealed class RequestHandler(IEnumerable<IClientDirectory> directories, SignInLinkStore links, TimeProvider time) : ICommandHandler<Request, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(Request command, Change change)
        {
            if (directories.FirstOrDefault() is not { } clients)
                return Outcome.NotFound;
            var client = await clients.FindByEmailAsync(command.Email!, change.Cancellation);
            if (client is not null)
            {
                var account = await ClientAccount.EnsureAsync(change.Db, client, time.GetUtcNow());
                await links.IssueAsync(change.Db, new SignedIn(account.Id, SignedIn.Client, account.Email, client.Name), command.PublicAddress + LinkPath);
                change.Audit(new AuditEntry(SignInLinkStore.RequestedAction) { ClientId = client.Id, Actor = new AuditActor(account.Id, client.Name) });
            }

            return true;
        }
    }

    /// <summary>Spends the link; the client it signs in, or gone (and recorded) when it does not work.</summary>
    internal sealed class RedeemHandler(IEnumerable<IClientDirectory> directories, SignInLinkStore links) : ICommandHandler<Redeem, SignedInClient>
    {
        public async Task<Outcome<SignedInClient>> HandleAsync(Redeem command, Change change)
        {
            if (directories.FirstOrDefault() is not { } clients)
                return Outcome.NotFound;
            var accountId = await links.RedeemAsync(change.Db, SignedIn.Client, command.Token);
            var account = accountId is { } id ? await ClientAccount.FindAsync(change.Db, id) : null;
            var client = account is null ? null : await clients.FindAsync(account.ClientId, change.Cancellation);
            if (account is null || client is null)
            {
                change.Audit(new AuditEntry(SignInLinkStore.RefusedAction, AuditOutcome.Failure) { RecordId = accountId });
                return Outcome.NotFound.Recorded();
            }

            change.Audit(new AuditEntry(PasswordSignIn.Succeeded) { ClientId = client.Id, Actor = new AuditActor(account.Id, client.Name) });
            return new SignedInClient(account, client);
        }
    }
}

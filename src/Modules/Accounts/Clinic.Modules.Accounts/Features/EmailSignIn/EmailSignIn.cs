using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Features.SignIn;
using Clinic.Modules.Accounts.SignInLinks;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.TwoFactor;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.EmailSignIn;

/// <summary>
/// Staff sign-in with a link emailed to them instead of the password, when the clinic allows it. The link replaces
/// the password only: a member with two-factor sign-in still enters a code.
/// </summary>
internal static class EmailSignIn
{
    public const string LinkPath = "/sign-in/link";

    internal sealed class Request : LinkRequest;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => Include(new LinkRequest.Validator());
    }

    internal enum Answer
    {
        /// <summary>Answered the same whether or not the email belongs to anyone.</summary>
        Sent,
        NotAllowed,
    }

    /// <summary>Spending a link: the token from the address, never from the form.</summary>
    internal sealed class Redeem
    {
        public string? Token { get; set; }
    }

    internal sealed class Form(TenantDb tenantDb, SignInLinkStore links)
    {
        public async Task<bool> IsLiveAsync(string? token, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await links.IsLiveAsync(db, SignedIn.Staff, token);
        }
    }

    /// <summary>
    /// Sends the link when the email belongs to an active member. The per-account rate limit is the page's, checked
    /// once before this runs, since a transaction may run again.
    /// </summary>
    internal sealed class RequestHandler(SignInLinkStore links) : ICommandHandler<Request, Answer>
    {
        public async Task<Outcome<Answer>> HandleAsync(Request command, Change change)
        {
            if (!await StaffSignInLinks.AllowedAsync(change.Db))
                return Answer.NotAllowed;

            var account = await StaffAccounts.FindAsync(change.Db, command.Email!);
            if (account is { Active: true })
            {
                await links.IssueAsync(change.Db, new SignedIn(account.Id, SignedIn.Staff, account.Email, account.Name), command.PublicAddress + LinkPath);
                change.Audit(new AuditEntry(SignInLinkStore.RequestedAction) { RecordId = account.Id, Actor = new AuditActor(account.Id, account.Name) });
            }

            return Answer.Sent;
        }
    }

    /// <summary>Spends the link; what the password step would have answered, or gone (and recorded) when the link does not work.</summary>
    internal sealed class RedeemHandler(SignInLinkStore links, AccountLockout lockout, TimeProvider time) : ICommandHandler<Redeem, PasswordSignIn.Result>
    {
        public async Task<Outcome<PasswordSignIn.Result>> HandleAsync(Redeem command, Change change)
        {
            var db = change.Db;
            var staffId = await links.RedeemAsync(db, SignedIn.Staff, command.Token);
            var account = staffId is { } id ? await StaffAccounts.FindAsync(db, id) : null;
            // A locked account stays locked: the link proves the mailbox, not that the attack on the password is over.
            var locked = account is not null && await lockout.IsLockedAsync(db, AccountLockout.EmailHash(account.Email), time.GetUtcNow());
            if (account is not { Active: true } || locked || !await StaffSignInLinks.AllowedAsync(db))
            {
                change.Audit(new AuditEntry(SignInLinkStore.RefusedAction, AuditOutcome.Failure) { RecordId = staffId });
                return Outcome.NotFound.Recorded();
            }

            var secondFactor = await TwoFactorKeys.IsEnabledAsync(db, account.Id);
            var mustEnrol = !secondFactor && await TwoFactorKeys.IsRequiredAsync(db);
            change.Audit(new AuditEntry(secondFactor ? SignInLinkStore.UsedAction : PasswordSignIn.Succeeded) { Actor = new AuditActor(account.Id, account.Name) });
            return new PasswordSignIn.Result(account, secondFactor, mustEnrol);
        }
    }
}

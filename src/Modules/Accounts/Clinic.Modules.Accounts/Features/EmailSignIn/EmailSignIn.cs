using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Features.SignIn;
using Clinic.Modules.Accounts.SignInLinks;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.TwoFactor;

namespace Clinic.Modules.Accounts.Features.EmailSignIn;

/// <summary>
/// Staff sign-in with a link emailed to them instead of the password, when the clinic allows it. The link replaces
/// the password only: a member with two-factor sign-in still enters a code.
/// </summary>
internal static class EmailSignIn
{
    public const string LinkPath = "/sign-in/link";

    internal enum Outcome
    {
        /// <summary>Answered the same whether or not the email belongs to anyone.</summary>
        Sent,
        NotAllowed,
        TooMany,
    }

    internal sealed class Handler(TenantDb tenantDb, ITenantContext tenant, SignInLinkStore links, SignInRateLimits limits, IAuditTrail audit, AccountLockout lockout, TimeProvider time)
    {
        public async Task<(Outcome Outcome, TimeSpan? RetryAfter)> RequestAsync(LinkRequest request, string publicAddress, CancellationToken ct)
        {
            if (limits.RetryAfter(tenant.Required, request.Email!) is { } wait)
                return (Outcome.TooMany, wait);

            await using var db = await tenantDb.BeginAsync(ct);
            if (!await StaffSignInLinks.AllowedAsync(db))
                return (Outcome.NotAllowed, null);

            var account = await StaffAccounts.FindAsync(db, request.Email!);
            if (account is { Active: true })
            {
                await links.IssueAsync(db, new SignedIn(account.Id, SignedIn.Staff, account.Email, account.Name), publicAddress + LinkPath);
                await audit.RecordAsync(db, new AuditEntry(SignInLinkStore.RequestedAction) { RecordId = account.Id, Actor = new AuditActor(account.Id, account.Name) });
            }

            await db.CommitAsync();
            return (Outcome.Sent, null);
        }

        public async Task<bool> IsLiveAsync(string? token, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await links.IsLiveAsync(db, SignedIn.Staff, token);
        }

        /// <summary>Spends the link; what the password step would have answered, or null when the link does not work.</summary>
        public async Task<PasswordSignIn.Result?> RedeemAsync(string? token, CancellationToken ct)
        {
            await using var db = await tenantDb.BeginAsync(ct);
            var staffId = await links.RedeemAsync(db, SignedIn.Staff, token);
            var account = staffId is { } id ? await StaffAccounts.FindAsync(db, id) : null;
            // A locked account stays locked: the link proves the mailbox, not that the attack on the password is over.
            var locked = account is not null && await lockout.IsLockedAsync(db, AccountLockout.EmailHash(account.Email), time.GetUtcNow());
            if (account is not { Active: true } || locked || !await StaffSignInLinks.AllowedAsync(db))
            {
                await audit.RecordAsync(db, new AuditEntry(SignInLinkStore.RefusedAction, AuditOutcome.Failure) { RecordId = staffId });
                await db.CommitAsync();
                return null;
            }

            var secondFactor = await TwoFactorKeys.IsEnabledAsync(db, account.Id);
            var mustEnrol = !secondFactor && await TwoFactorKeys.IsRequiredAsync(db);
            await audit.RecordAsync(db, new AuditEntry(secondFactor ? SignInLinkStore.UsedAction : PasswordSignIn.Succeeded) { Actor = new AuditActor(account.Id, account.Name) });
            await db.CommitAsync();
            return new PasswordSignIn.Result(account, SecondFactor: secondFactor, MustEnrol: mustEnrol);
        }
    }
}

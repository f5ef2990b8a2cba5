using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.SignInLinks;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.SignInMethods;

/// <summary>The owner decides whether staff may sign in with an emailed link instead of their password.</summary>
internal static class SignInMethods
{
    public const string Path = "/staff/sign-in-settings";

    internal sealed class Request
    {
        /// <summary>"true" when the box is ticked; an unticked box sends nothing. Text, so a forged value is refused, not read as off.</summary>
        public string? AllowLinks { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.AllowLinks).Must(value => value is null or "true")
                .WithMessage("Sign-in by email link is either ticked or not; send the form again from this page.");
    }

    internal sealed class Form(TenantDb tenantDb)
    {
        public async Task<bool> LinksAllowedAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await StaffSignInLinks.AllowedAsync(db);
        }
    }

    internal sealed class Handler : ICommandHandler<Request, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(Request command, Change change)
        {
            var allowed = command.AllowLinks == "true";
            await StaffSignInLinks.SetAllowedAsync(change.Db, allowed);
            change.Audit(new AuditEntry(StaffSignInLinks.ChangedAction));
            return allowed;
        }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Operators;
using Clinic.Modules.Accounts.SignInProtection;
using FluentValidation;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Accounts.Features.OperatorSignIn;

/// <summary>An operator signs in to the console with email and password. The answer never says which of the two was wrong.</summary>
internal static partial class OperatorSignIn
{
    internal sealed class Request
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.")
                .SingleLine("Email", 254).EmailAddress().WithMessage("Enter a valid email address.");
            RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.")
                .Secret("Password", 512);
        }
    }

    /// <summary>Signed in as the operator, refused, or refused until <see cref="RetryAfter"/> has passed.</summary>
    internal sealed record Result(OperatorAccount? Operator, TimeSpan? RetryAfter = null);

    internal sealed partial class Handler(OperatorAccounts operators, SignInRateLimits limits, AuditContext context, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(Request request, CancellationToken ct)
        {
            // Operators belong to no clinic: their attempts count under the empty clinic id.
            if (limits.RetryAfter(Guid.Empty, request.Email!) is { } wait)
                return new Result(null, wait);

            var account = await operators.CheckAsync(request.Email!, request.Password!, context.Ip, ct);
            // Neither the typed email nor the password is logged: either may be a secret typed into the wrong field.
            if (account is null)
                Refused(logger);
            else
                SignedIn(logger, account.Id);
            return new Result(account);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Operator sign-in refused")]
        private static partial void Refused(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Operator {OperatorId} signed in")]
        private static partial void SignedIn(ILogger logger, Guid operatorId);
    }
}

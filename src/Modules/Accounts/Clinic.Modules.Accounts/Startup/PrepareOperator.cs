using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Operators;
using Clinic.Modules.Accounts.Passwords;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Accounts.Startup;

/// <summary>
/// The SaaS edition's first operator, from configuration: there is no default operator and no default password. The
/// password must pass the same policy as everyone's, and applies only when the operator is created.
/// </summary>
internal sealed class PrepareOperator(EditionSettings edition, OperatorAccounts operators, IConfiguration configuration, ILogger<PrepareOperator> logger) : IStartupTask
{
    public const string EmailKey = "Clinic:Bootstrap:Operator:Email";
    public const string PasswordKey = "Clinic:Bootstrap:Operator:Password";

    public async Task RunAsync(StartupContext context, CancellationToken ct)
    {
        if (!edition.IsMultiTenant || configuration[EmailKey] is not { Length: > 0 } email)
            return;

        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
            throw new ClinicConfigurationException(EmailKey, "an email address");
        var password = configuration[PasswordKey];
        if (PasswordPolicy.Problem(password, email) is { } problem)
            throw new ClinicConfigurationException(PasswordKey, $"a password Clinic accepts when {EmailKey} is set ({problem.TrimEnd('.')})");

        if (await operators.CreateIfMissingAsync(email, password!, ct))
            logger.LogInformation("Created the platform operator from {Key}", EmailKey);
    }
}

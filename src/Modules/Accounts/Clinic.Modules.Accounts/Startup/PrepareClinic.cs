using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Features.OwnerSetup;
using Clinic.Modules.Accounts.Passwords;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Accounts.Startup;

/// <summary>
/// First run: creates the clinic, then its owner from configuration, or prints a one-time setup link; there is
/// never a default password. With --demo, creates demo staff and prints their sign-in. Selects the clinic so the
/// start-up tasks of later modules seed the same one.
/// </summary>
internal sealed class PrepareClinic(
    EditionSettings edition,
    ITenantDirectory directory,
    TenantRegistry registry,
    TenantContext tenant,
    UnitOfWork work,
    StaffAccounts staff,
    OwnerSetupLink setupLink,
    IConfiguration configuration,
    ILogger<PrepareClinic> logger) : IStartupTask
{
    public const string DemoHost = "localhost";
    public const string OwnerEmailKey = "Clinic:Bootstrap:OwnerEmail";
    public const string OwnerPasswordKey = "Clinic:Bootstrap:OwnerPassword";

    public async Task RunAsync(StartupContext context, CancellationToken ct)
    {
        var clinic = await ClinicAsync(context, ct);
        if (clinic is null)
            return;
        tenant.Use(clinic.Id);

        // The setup link is printed only once its transaction has committed: a link from a rolled-back attempt would not work.
        var link = (await work.RunAsync<string?>(change => PrepareAsync(change.Db, context), ct)).Value;
        if (link is not null)
            logger.LogWarning("No owner yet. Open this one-time link within 24 hours to create the owner account: {SetupLink}", link);
    }

    /// <summary>The clinic's first staff; the owner's setup link when there is no owner to create.</summary>
    private async Task<Outcome<string?>> PrepareAsync(DbSession db, StartupContext context)
    {
        var hasOwner = await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND role = @role", new { role = Roles.Owner }) > 0;

        if (context.Demo)
        {
            await DemoStaff.EnsureAsync(db, staff, logger);
        }
        else if (!hasOwner && configuration[OwnerEmailKey] is { Length: > 0 } email)
        {
            var password = configuration[OwnerPasswordKey];
            if (PasswordPolicy.Problem(password, email) is { } problem)
                throw new ClinicConfigurationException(OwnerPasswordKey, $"a password Clinic accepts when {OwnerEmailKey} is set ({problem.TrimEnd('.')})");
            if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
                throw new ClinicConfigurationException(OwnerEmailKey, "an email address");
            await staff.CreateAsync(db, email, "Owner", Roles.Owner, password);
            logger.LogInformation("Created the clinic owner from {Key}", OwnerEmailKey);
        }
        else if (!hasOwner)
        {
            return await setupLink.IssueAsync(db);
        }

        return (string?)null;
    }

    private async Task<ClinicTenant?> ClinicAsync(StartupContext context, CancellationToken ct)
    {
        if (!edition.IsMultiTenant)
            return await directory.SingleClinicAsync(ct) ?? await registry.CreateAsync("My Clinic", [], ct);

        // The SaaS edition's clinics are created by the operator; --demo adds one at localhost to try it out.
        if (!context.Demo)
            return null;
        return await directory.FindByHostAsync(DemoHost, ct) ?? await registry.CreateAsync("Demo Clinic", [DemoHost], ct);
    }
}

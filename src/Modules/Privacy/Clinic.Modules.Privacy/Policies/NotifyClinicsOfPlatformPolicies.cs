using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Privacy.Contracts;
using Clinic.Modules.Privacy.Features.PublishPolicy;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Privacy.Policies;

/// <summary>
/// Tells every clinic's owners of each material change the SaaS operator makes to the default policies. Each clinic is
/// told in its own transaction, which records the notice and queues the email together, so a run that stops half way
/// (or runs twice) tells each clinic once. A clinic created after a change is not told of it: it never showed the old text.
/// </summary>
internal sealed class NotifyClinicsOfPlatformPolicies(ITenantDirectory directory, PlatformPolicies platform, IServiceScopeFactory scopes, TimeProvider time)
    : IClinicJob
{
    public const string Name = "privacy-platform-policy-notices";

    public async Task RunAsync(CancellationToken ct)
    {
        var clinics = await directory.ListAsync(ct);
        if (clinics.Count == 0)
            return;

        var oldest = clinics.Min(c => c.CreatedAt);
        var changes = await platform.MaterialSinceAsync(oldest, ct);
        if (changes.Count == 0)
            return;

        var told = await platform.NoticesSinceAsync(oldest, ct);
        foreach (var clinic in clinics)
        {
            var due = changes.Where(change => change.PublishedAt >= clinic.CreatedAt && !told.Contains((clinic.Id, change.Id))).ToList();
            if (due.Count == 0)
                continue;

            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Id);
            var owners = (await scope.ServiceProvider.GetRequiredService<IStaffDirectory>().ActiveAsync(ct))
                .Where(s => s.Role == Roles.Owner).Select(s => new PolicyReader(s.Name, s.Email)).ToList();
            var tenantDb = scope.ServiceProvider.GetRequiredService<TenantDb>();
            foreach (var change in due)
                await NotifyAsync(tenantDb, clinic, change, owners, ct);
        }
    }

    private async Task NotifyAsync(TenantDb tenantDb, ClinicTenant clinic, PolicyVersion change, IReadOnlyList<PolicyReader> owners, CancellationToken ct)
    {
        await using var db = await tenantDb.BeginAsync(ct);
        var recorded = await db.ExecuteAsync(
            """
            INSERT INTO privacy_platform_policy_notices (tenant_id, version_id, notified_at) VALUES (@tenant_id, @version, @now)
            ON CONFLICT (tenant_id, version_id) DO NOTHING
            """,
            new { version = change.Id, now = time.GetUtcNow() });
        // Another host told this clinic first.
        if (recorded == 0)
            return;

        var page = PublishPolicy.PublicPathOf(change.PolicyKind);
        var url = clinic.Host is { } host ? $"https://{host}{page}" : page;
        await db.PublishAsync(new PolicyPublished(change.Id, change.PolicyKind, change.Version, MaterialChange: true, change.Summary, url, owners) { Default = true });
        await db.CommitAsync();
    }
}

using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
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
            var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            foreach (var version in due)
                await work.RunAsync<bool>(change => NotifyAsync(change, clinic, version, owners), ct);
        }
    }

    /// <summary>Records the notice and queues the email; false when another host told this clinic first.</summary>
    private async Task<Outcome<bool>> NotifyAsync(Change change, ClinicTenant clinic, PolicyVersion version, IReadOnlyList<PolicyReader> owners)
    {
        var recorded = await change.Db.ExecuteAsync(
            """
            INSERT INTO privacy_platform_policy_notices (tenant_id, version_id, notified_at) VALUES (@tenant_id, @version, @now)
            ON CONFLICT (tenant_id, version_id) DO NOTHING
            """,
            new { version = version.Id, now = time.GetUtcNow() });
        if (recorded == 0)
            return false;

        var page = PublishPolicy.PublicPathOf(version.PolicyKind);
        var url = clinic.Host is { } host ? $"https://{host}{page}" : page;
        change.Publish(new PolicyPublished(version.Id, version.PolicyKind, version.Version, MaterialChange: true, version.Summary, url, owners) { Default = true });
        return true;
    }
}

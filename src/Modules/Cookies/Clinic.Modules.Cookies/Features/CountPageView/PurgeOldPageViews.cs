using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Cookies.Features.CountPageView;

/// <summary>
/// Deletes page-view counts older than 25 months, clinic by clinic (row-level security shows one clinic per
/// transaction). The counts hold no personal data; 25 months still lets the owner compare a month with the same month
/// of the year before, and no longer. Safe to run twice.
/// </summary>
internal sealed class PurgeOldPageViews(ITenantDirectory clinics, IServiceScopeFactory scopes) : IClinicJob
{
    public const string Name = "cookies-page-view-retention";
    public const int KeptMonths = 25;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Id);
            var today = await scope.ServiceProvider.GetRequiredService<ClinicTime>().TodayAsync(ct);
            var cutoff = ClinicDates.Value(today.AddMonths(-KeptMonths));
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync<int>(
                async change => await change.Db.ExecuteAsync("DELETE FROM cookies_page_views WHERE tenant_id = @tenant_id AND day < @cutoff", new { cutoff }),
                ct);
        }
    }
}

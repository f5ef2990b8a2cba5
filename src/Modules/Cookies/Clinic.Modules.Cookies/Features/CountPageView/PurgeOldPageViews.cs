using System.Globalization;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Cookies.Features.CountPageView;

/// <summary>
/// Deletes page-view counts older than 25 months, clinic by clinic (row-level security shows one clinic per
/// transaction). The counts hold no personal data; 25 months still lets the owner compare a month with the same month
/// of the year before, and no longer. Safe to run twice.
/// </summary>
internal sealed class PurgeOldPageViews(ITenantDirectory clinics, IServiceScopeFactory scopes, TimeProvider time) : IClinicJob
{
    public const string Name = "cookies-page-view-retention";
    public const int KeptMonths = 25;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), clinic.Zone).DateTime);
            var cutoff = today.AddMonths(-KeptMonths).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await scope.ServiceProvider.GetRequiredService<TenantDb>().BeginAsync(ct);
            await db.ExecuteAsync("DELETE FROM cookies_page_views WHERE tenant_id = @tenant_id AND day < @cutoff", new { cutoff });
            await db.CommitAsync();
        }
    }
}

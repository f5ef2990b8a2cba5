using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Booking.Enquiries;

/// <summary>
/// Deletes enquiries older than the retention setting, clinic by clinic (row-level security shows one clinic per
/// transaction). Safe to run twice. Privacy's retention rules will take this over when that module arrives.
/// </summary>
internal sealed class PurgeExpiredEnquiries(ITenantDirectory clinics, IServiceScopeFactory scopes, EnquirySettings settings, TimeProvider time) : IClinicJob
{
    public const string Name = "booking-enquiry-retention";

    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - settings.Retention;
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Id);
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync<int>(
                async change => await change.Db.ExecuteAsync("DELETE FROM booking_enquiries WHERE tenant_id = @tenant_id AND received_at < @cutoff", new { cutoff }),
                ct);
        }
    }
}

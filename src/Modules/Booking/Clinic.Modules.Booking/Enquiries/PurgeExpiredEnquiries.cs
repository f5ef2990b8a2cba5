using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
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
            await using var db = await scope.ServiceProvider.GetRequiredService<TenantDb>().BeginAsync(ct);
            await db.ExecuteAsync("DELETE FROM booking_enquiries WHERE tenant_id = @tenant_id AND received_at < @cutoff", new { cutoff });
            await db.CommitAsync();
        }
    }
}

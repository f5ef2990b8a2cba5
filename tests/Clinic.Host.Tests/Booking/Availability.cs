using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Booking;

/// <summary>Asks the running app's availability engine for slots, as the booking pages do.</summary>
internal static class Availability
{
    public static Task<List<Slot>> SlotsAsync(this ClinicApp app, Guid service, Guid? provider, DateOnly from, DateOnly to) =>
        app.InScopeAsync(async services =>
        {
            var clinic = (await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))!;
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            var settings = await services.GetRequiredService<BookingSettings.Store>().LoadAsync(default);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await using var db = await services.GetRequiredService<TenantDb>().ReadAsync(default);
            var needs = (await ServiceCatalog.FindAsync(db, service))!.Needs;
            var diary = await DiaryReader.ReadAsync(db, from, to, settings.Zone, now);
            return SlotFinder.Find(needs, provider, from, to, diary, settings, now);
        });

    /// <summary>The slots' local start times on one day, as "HH:mm".</summary>
    public static List<string> Times(this IEnumerable<Slot> slots, DateOnly day) =>
        [.. slots.Where(s => DateOnly.FromDateTime(s.StartsAt.DateTime) == day).Select(s => s.StartsAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))];
}

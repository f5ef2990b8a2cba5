using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>What a day view needs before a browser looks at it: someone working, a service they give, and today's date.</summary>
internal static class FrontDeskSetUp
{
    /// <summary>The clinic's date now, by the app's own clock.</summary>
    public static async Task<DateOnly> TodayAsync(this ServedApp app) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), await app.ClinicTimeZoneAsync()).DateTime);

    /// <summary>The owner, the clinic's first staff member, working 09:00 to 17:00 every day.</summary>
    public static Task<(Guid Id, string Name)> OwnerWithHoursAsync(this ServedApp app) =>
        app.InClinicAsync(async db =>
        {
            var id = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            var name = await db.ExecuteScalarAsync<string>("SELECT name FROM accounts_staff WHERE tenant_id = @tenant_id AND id = @id", new { id });
            if (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_weekly_hours WHERE tenant_id = @tenant_id AND provider_id = @id", new { id }) == 0)
            {
                for (var weekday = 0; weekday < 7; weekday++)
                {
                    await db.ExecuteAsync(
                        "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@hours, @tenant_id, @id, @weekday, 540, 1020)",
                        new { hours = Guid.CreateVersion7(), id, weekday });
                }
            }

            return (id, name!);
        });

    /// <summary>A 30-minute service the provider gives, bookable online.</summary>
    public static Task<Guid> AddServiceGivenByAsync(this ServedApp app, Guid provider, string name) =>
        app.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency, online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, 'Skin', @name, 30, 12000, 'PKR', TRUE, FALSE, TRUE)
                """,
                new { id, name });
            await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @provider)", new { id, provider });
            return id;
        });
}

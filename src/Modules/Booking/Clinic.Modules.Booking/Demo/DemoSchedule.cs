using Bogus;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Demo;

/// <summary>The demo clinic's treatment menu, priced in PKR, and two weeks of appointments around today.</summary>
internal sealed class DemoSchedule(
    ITenantContext tenant,
    TenantDb tenantDb,
    ITenantDirectory clinics,
    IClientDirectory clients,
    IStaffDirectory staff,
    TimeProvider time) : IStartupTask
{
    private static readonly (string Name, int Minutes, decimal Price)[] Services =
    [
        ("Consultation", 30, 3_000m),
        ("Anti-wrinkle injections (one area)", 30, 35_000m),
        ("Dermal filler (1 ml)", 45, 65_000m),
        ("HydraFacial", 60, 18_000m),
        ("Chemical peel", 45, 15_000m),
        ("Laser hair removal (full legs)", 60, 25_000m),
        ("Microneedling", 60, 22_000m),
    ];

    public async Task RunAsync(StartupContext context, CancellationToken ct)
    {
        if (!context.Demo || tenant.TenantId is not { } tenantId)
            return;

        var clinic = await clinics.FindAsync(tenantId, ct);
        var providers = (await staff.ActiveAsync(ct)).Where(s => s.Role is Roles.Clinician or Roles.Owner).ToArray();
        var clientList = (await clients.ListAsync(40, ct)).ToArray();
        if (clinic is null || providers.Length == 0 || clientList.Length == 0)
            return;

        await using var db = await tenantDb.BeginAsync(ct);
        if (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id") > 0)
            return;

        var serviceIds = new List<(Guid Id, int Minutes)>();
        foreach (var (name, minutes, price) in Services)
        {
            var id = Guid.CreateVersion7();
            serviceIds.Add((id, minutes));
            await db.ExecuteAsync(
                "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency, active) VALUES (@id, @tenant_id, @name, @minutes, @price, @currency, TRUE)",
                new { id, name, minutes, price, currency = clinic.Currency });
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(clinic.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var faker = new Faker { Random = new Randomizer(1122) };
        for (var offset = -7; offset < 7; offset++)
        {
            var day = today.AddDays(offset);
            if (day.DayOfWeek == DayOfWeek.Sunday)
                continue;
            foreach (var hour in faker.Random.ListItems(Enumerable.Range(10, 9).ToList(), faker.Random.Int(4, 7)).Order())
            {
                var (serviceId, minutes) = faker.PickRandom(serviceIds);
                var local = day.ToDateTime(new TimeOnly(hour, 0));
                var starts = new DateTimeOffset(local, zone.GetUtcOffset(local));
                await db.ExecuteAsync(
                    """
                    INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, status, created_at)
                    VALUES (@id, @tenant_id, @client, @service, @provider, @starts, @ends, @status, @now)
                    """,
                    new
                    {
                        id = Guid.CreateVersion7(),
                        client = faker.PickRandom(clientList).Id,
                        service = serviceId,
                        provider = faker.PickRandom(providers).Id,
                        starts,
                        ends = starts.AddMinutes(minutes),
                        status = offset < 0 ? "Completed" : "Booked",
                        now = time.GetUtcNow(),
                    });
            }
        }

        await db.CommitAsync();
    }
}

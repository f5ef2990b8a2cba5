using Bogus;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Demo;

/// <summary>
/// The demo clinic's treatment menu priced in PKR, a laser room, providers working Monday to Saturday 10:00–19:00, and
/// two weeks of appointments around today that never overlap.
/// </summary>
internal sealed class DemoSchedule(
    ITenantContext tenant,
    UnitOfWork work,
    ITenantDirectory clinics,
    IClientDirectory clients,
    IStaffDirectory staff,
    ClinicTime clinicTime) : IStartupTask
{
    private const string LaserRoom = "Laser room";

    private static readonly (string Category, string Name, int Minutes, decimal Price, int After, string? Room, bool Online, bool Consult)[] Menu =
    [
        ("Consultations", "Consultation", 30, 3_000m, 0, null, true, false),
        ("Injectables", "Anti-wrinkle injections (one area)", 30, 35_000m, 10, null, true, true),
        ("Injectables", "Dermal filler (1 ml)", 45, 65_000m, 15, null, false, true),
        ("Skin", "HydraFacial", 60, 18_000m, 0, null, true, false),
        ("Skin", "Chemical peel", 45, 15_000m, 15, null, true, false),
        ("Laser", "Laser hair removal (full legs)", 60, 25_000m, 0, LaserRoom, true, true),
        ("Skin", "Microneedling", 60, 22_000m, 0, null, true, false),
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

        var clock = (Now: await clinicTime.NowAsync(ct), Zone: await clinicTime.ZoneAsync(ct));
        await work.RunAsync(change => SeedAsync(change.Db, clinic, clock, providers, clientList), ct);
    }

    private static async Task<Outcome<bool>> SeedAsync(DbSession db, ClinicTenant clinic, (DateTimeOffset Now, TimeZoneInfo Zone) clock, StaffMember[] providers, ClientSummary[] clientList)
    {
        if (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id") > 0)
            return false;

        var room = Guid.CreateVersion7();
        await db.ExecuteAsync(
            "INSERT INTO booking_resources (id, tenant_id, name, kind, resource_type, active) VALUES (@room, @tenant_id, 'Laser suite', 'room', @type, TRUE)",
            new { room, type = LaserRoom });
        var services = await AddMenuAsync(db, clinic.Currency, providers);
        foreach (var provider in providers)
        {
            foreach (var weekday in Enumerable.Range(1, 6))
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @provider, @weekday, 600, 1140)",
                    new { id = Guid.CreateVersion7(), provider = provider.Id, weekday });
            }
        }

        await AddAppointmentsAsync(db, clock, services, providers, clientList, room);
        return true;
    }

    private static async Task<List<(Guid Id, int Minutes, int After, string? Room)>> AddMenuAsync(DbSession db, string currency, StaffMember[] providers)
    {
        var services = new List<(Guid Id, int Minutes, int After, string? Room)>();
        foreach (var item in Menu)
        {
            var id = Guid.CreateVersion7();
            services.Add((id, item.Minutes, item.After, item.Room));
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency, buffer_after_minutes, resource_type,
                    online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, @category, @name, @minutes, @price, @currency, @after, @room, @online, @consult, TRUE)
                """,
                new { id, category = item.Category, name = item.Name, minutes = item.Minutes, price = item.Price, currency, after = item.After, room = item.Room, online = item.Online, consult = item.Consult });
            foreach (var provider in providers)
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @provider)",
                    new { id, provider = provider.Id });
            }
        }

        return services;
    }

    private static async Task AddAppointmentsAsync(
        DbSession db, (DateTimeOffset Now, TimeZoneInfo Zone) clock, List<(Guid Id, int Minutes, int After, string? Room)> services, StaffMember[] providers, ClientSummary[] clientList, Guid room)
    {
        // The clinic's wall clock: its date is today there; stored as the same instant in UTC.
        var (now, zone) = (clock.Now.ToUniversalTime(), clock.Zone);
        var today = DateOnly.FromDateTime(clock.Now.DateTime);
        var faker = new Faker { Random = new Randomizer(1122) };
        for (var offset = -7; offset < 7; offset++)
        {
            var day = today.AddDays(offset);
            if (day.DayOfWeek == DayOfWeek.Sunday)
                continue;

            var laserHours = new HashSet<int>();
            foreach (var provider in providers)
            {
                // One appointment an hour at most, each under an hour with its buffer, so a provider's never overlap.
                foreach (var hour in faker.Random.ListItems(Enumerable.Range(10, 9).ToList(), faker.Random.Int(2, 5)).Order())
                {
                    var service = faker.PickRandom(services);
                    if (service.Room is not null && !laserHours.Add(hour))
                        service = services[0];
                    var starts = LocalTime.ToInstant(day.ToDateTime(new TimeOnly(hour, 0)), zone);
                    var ends = starts.AddMinutes(service.Minutes);
                    await db.ExecuteAsync(
                        """
                        INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, resource_id, starts_at, ends_at,
                            blocked_from, blocked_until, status, created_at, updated_at)
                        VALUES (@id, @tenant_id, @client, @service, @provider, @resource, @starts, @ends, @starts, @blockedUntil, @status, @now, @now)
                        """,
                        new
                        {
                            id = Guid.CreateVersion7(),
                            client = faker.PickRandom(clientList).Id,
                            service = service.Id,
                            provider = provider.Id,
                            resource = service.Room is null ? (Guid?)null : room,
                            starts,
                            ends,
                            blockedUntil = ends.AddMinutes(service.After),
                            status = starts < now ? "Completed" : "Confirmed",
                            now,
                        });
                }
            }
        }
    }
}

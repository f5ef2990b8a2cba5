using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.Modules.Booking;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clinic.Benchmarks;

/// <summary>
/// A busy clinic in Asia/Karachi on a SQLite database with the Booking module's migrations: 20 providers working
/// Mon–Sat 09:00–19:00, 10 rooms of two types, 10 services (some needing a room, some with buffers), 100,000
/// appointments over the past two years and about 60% of the providers' time booked over the next 30 days.
/// Appointments are laid end to end per provider and checked against each room's day, so none overlap.
/// </summary>
internal sealed class AvailabilityClinic : IAsyncDisposable
{
    public const int History = 100_000;
    public const int Providers = 20;
    public const double FutureLoad = 0.6;

    /// <summary>Monday 23 November 2026, 08:00 in Karachi: the clinic is about to open.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(5));

    private static readonly (string Name, int Minutes, int Before, int After, string? Room)[] Menu =
    [
        ("Consultation", 30, 0, 0, null),
        ("Skin check", 15, 0, 0, null),
        ("Botox", 30, 0, 15, null),
        ("Dermal filler", 45, 0, 15, null),
        ("Laser hair removal, small area", 30, 0, 15, "Laser room"),
        ("Laser hair removal, large area", 60, 15, 15, "Laser room"),
        ("HydraFacial", 60, 0, 15, "Treatment room"),
        ("Chemical peel", 45, 0, 15, "Treatment room"),
        ("Microneedling", 60, 15, 15, "Treatment room"),
        ("PRP", 90, 15, 15, "Treatment room"),
    ];

    private readonly string _folder;

    private AvailabilityClinic(string folder, ClinicDatabase database, BookingSettings settings)
    {
        _folder = folder;
        Database = database;
        Settings = settings;
    }

    public Guid ClinicId { get; } = Guid.CreateVersion7();

    public ClinicDatabase Database { get; }

    public BookingSettings Settings { get; }

    public List<Guid> ProviderIds { get; } = [];

    /// <summary>The service searched for: an hour in a laser room with buffers either side, the hardest case.</summary>
    public Guid LaserLarge { get; private set; }

    public int Upcoming { get; private set; }

    public DateOnly Today => Settings.Today(Now);

    public static async Task<AvailabilityClinic> SeedAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clinic-bench-availability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "clinic.db")}";
        var database = new ClinicDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connection, connection, MigrateOnStartup: true), TimeProvider.System);
        var modules = new ModuleSet([new LoadedModule(new BookingModule(), IsExternal: false)]);
        await new Migrator(database, modules, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(default);

        var clinic = new AvailabilityClinic(folder, database, new BookingSettings { Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi") });
        await clinic.FillAsync();
        return clinic;
    }

    private async Task FillAsync()
    {
        var random = new Random(20261123);
        await using var db = await Database.BeginAsync(ClinicId, write: true, default);
        for (var i = 0; i < Providers; i++)
        {
            var provider = Guid.CreateVersion7();
            ProviderIds.Add(provider);
            for (var weekday = 1; weekday <= 6; weekday++)
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @provider, @weekday, 540, 1140)",
                    new { id = Guid.CreateVersion7(), provider, weekday });
            }
        }

        var rooms = new List<(Guid Id, string Type)>();
        for (var i = 1; i <= 10; i++)
        {
            var type = i <= 5 ? "Laser room" : "Treatment room";
            var id = Guid.CreateVersion7();
            rooms.Add((id, type));
            await db.ExecuteAsync(
                "INSERT INTO booking_resources (id, tenant_id, name, kind, resource_type, active) VALUES (@id, @tenant_id, @name, 'room', @type, 1)",
                new { id, name = $"{type} {i:00}", type });
        }

        var services = new List<ServiceNeeds>();
        foreach (var (name, minutes, before, after, room) in Menu)
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency, active, category, buffer_before_minutes, buffer_after_minutes, resource_type, online_bookable)
                VALUES (@id, @tenant_id, @name, @minutes, '10000', 'PKR', 1, 'Treatments', @before, @after, @room, 1)
                """,
                new { id, name, minutes, before, after, room });
            foreach (var provider in ProviderIds)
                await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @provider)", new { id, provider });
            services.Add(new ServiceNeeds(id, minutes, before, after, room, ProviderIds));
            if (name == "Laser hair removal, large area")
                LaserLarge = id;
        }

        var booked = 0;
        for (var day = Today.AddDays(-1); booked < History; day = day.AddDays(-1))
            booked += await FillDayAsync(db, random, day, services, rooms, load: 0.75, History - booked);
        for (var day = Today; day < Today.AddDays(30); day = day.AddDays(1))
            Upcoming += await FillDayAsync(db, random, day, services, rooms, FutureLoad, int.MaxValue);

        await db.CommitAsync();
    }

    /// <summary>Books one local day provider by provider: at each free point either an appointment (with probability <paramref name="load"/>) or idle time.</summary>
    private async Task<int> FillDayAsync(
        DbSession db, Random random, DateOnly day, List<ServiceNeeds> services, List<(Guid Id, string Type)> rooms, double load, int limit)
    {
        if (day.DayOfWeek == DayOfWeek.Sunday)
            return 0;

        var opens = LocalTime.ToInstant(day.ToDateTime(new TimeOnly(9, 0)), Settings.Zone);
        var closes = opens.AddHours(10);
        var roomDay = rooms.ToDictionary(r => r.Id, _ => new List<Interval>());
        var count = 0;
        foreach (var provider in ProviderIds)
        {
            var cursor = opens;
            while (count < limit)
            {
                var service = services[random.Next(services.Count)];
                var start = cursor.AddMinutes(service.BufferBeforeMinutes);
                var blocked = service.Blocked(start);
                if (blocked.End > closes)
                    break;

                Guid? room = null;
                var book = random.NextDouble() < load;
                if (book && service.ResourceType is { } type)
                {
                    room = rooms.Where(r => r.Type == type && !roomDay[r.Id].Any(b => b.Overlaps(blocked))).Select(r => (Guid?)r.Id).FirstOrDefault();
                    book = room is not null;
                }

                if (book)
                {
                    if (room is { } taken)
                        roomDay[taken].Add(blocked);
                    await InsertAsync(db, random, day < Today, service, provider, room, start, blocked);
                    count++;
                }

                cursor = blocked.End;
            }
        }

        return count;
    }

    private static Task<int> InsertAsync(DbSession db, Random random, bool past, ServiceNeeds service, Guid provider, Guid? room, DateTimeOffset start, Interval blocked)
    {
        var roll = random.NextDouble();
        var status = past
            ? roll < 0.85 ? "Completed" : roll < 0.95 ? "Cancelled" : "NoShow"
            : roll < 0.95 ? "Confirmed" : "Cancelled";
        return db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, resource_id, starts_at, ends_at, blocked_from, blocked_until, status, source, created_at, updated_at)
            VALUES (@id, @tenant_id, @client, @service, @provider, @room, @start, @end, @from, @until, @status, 'staff', @created, @created)
            """,
            new
            {
                id = Guid.CreateVersion7(),
                client = Guid.CreateVersion7(),
                service = service.ServiceId,
                provider,
                room,
                start,
                end = start + service.Duration,
                from = blocked.Start,
                until = blocked.End,
                status,
                created = start.AddDays(-7),
            });
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

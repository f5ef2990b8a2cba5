using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.Booking;

/// <summary>
/// A clinic for booking tests. Each test arranges its own providers and services (names made
/// unique), so tests sharing the fixture never see each other's diary.
/// </summary>
public abstract class BookingClinic(DatabaseProvider provider) : AppFixture(provider)
{
    public const string Password = "a long and private passphrase";

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal);

    protected override ClinicApp Create(TestDatabase database) => new(database, Settings);

    /// <summary>Moves the clock to a UTC instant (it may only go forward, like real time).</summary>
    public void SetNow(DateTimeOffset instant)
    {
        if (instant < Clock.GetUtcNow())
            throw new InvalidOperationException($"The clock is already past {instant:O}; pick a later date.");
        Clock.Advance(instant - Clock.GetUtcNow());
    }

    /// <summary>A signed-in receptionist's browser.</summary>
    public async Task<ClinicClient> ReceptionAsync()
    {
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }
}

public sealed class BookingClinicOnSqlite() : BookingClinic(DatabaseProvider.Sqlite);

public sealed class BookingClinicOnPostgres() : BookingClinic(DatabaseProvider.Postgres);

/// <summary>Arranges a clinic's booking set-up straight in its tables, as the set-up pages would leave it.</summary>
internal static class BookingSetup
{
    /// <summary>A clinician who works every day of the week from <paramref name="from"/> to <paramref name="to"/>, local time.</summary>
    public static async Task<Guid> AddProviderAsync(this ClinicApp app, TimeOnly from, TimeOnly to)
    {
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await app.AddStaffAsync(email, Roles.Clinician, BookingClinic.Password);
        var id = await app.StaffIdAsync(email);
        foreach (var weekday in Enumerable.Range(0, 7))
            await app.AddHoursAsync(id, (DayOfWeek)weekday, from, to);
        return id;
    }

    public static Task AddHoursAsync(this ClinicApp app, Guid provider, DayOfWeek day, TimeOnly from, TimeOnly to) =>
        app.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @provider, @day, @from, @to)",
            new { id = Guid.CreateVersion7(), provider, day = (int)day, from = Minutes(from), to = to == TimeOnly.MinValue ? 1440 : Minutes(to) }));

    /// <summary>Time off (all day without times) or extra hours on one date.</summary>
    public static Task AddExceptionAsync(this ClinicApp app, Guid provider, DateOnly date, bool off, TimeOnly? from = null, TimeOnly? to = null) =>
        app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO booking_schedule_exceptions (id, tenant_id, provider_id, on_date, kind, starts_minute, ends_minute)
            VALUES (@id, @tenant_id, @provider, @date, @kind, @from, @to)
            """,
            new { id = Guid.CreateVersion7(), provider, date, kind = off ? "off" : "extra", from = from is { } f ? Minutes(f) : (int?)null, to = to is { } t ? Minutes(t) : (int?)null }));

    public static Task AddClosureAsync(this ClinicApp app, DateOnly from, DateOnly to) =>
        app.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO booking_closures (id, tenant_id, from_date, to_date, reason) VALUES (@id, @tenant_id, @from, @to, 'Public holiday')",
            new { id = Guid.CreateVersion7(), from, to }));

    public static async Task<Guid> AddServiceAsync(
        this ClinicApp app,
        IEnumerable<Guid> providers,
        int minutes = 30,
        int bufferBefore = 0,
        int bufferAfter = 0,
        string? resourceType = null,
        bool online = true,
        bool active = true,
        bool consultationFirst = false)
    {
        var id = Guid.CreateVersion7();
        await app.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency, buffer_before_minutes, buffer_after_minutes,
                    resource_type, online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, 'Skin', @name, @minutes, 15000, 'PKR', @bufferBefore, @bufferAfter, @resourceType, @online, @consultationFirst, @active)
                """,
                new { id, name = $"HydraFacial {id:N}", minutes, bufferBefore, bufferAfter, resourceType, online, active, consultationFirst });
            foreach (var provider in providers)
                await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @provider)", new { id, provider });
            return 0;
        });
        return id;
    }

    public static async Task<Guid> AddRoomAsync(this ClinicApp app, string type)
    {
        var id = Guid.CreateVersion7();
        await app.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO booking_resources (id, tenant_id, name, kind, resource_type, active) VALUES (@id, @tenant_id, @name, 'room', @type, TRUE)",
            new { id, name = $"Room {id:N}", type }));
        return id;
    }

    /// <summary>A client with a mobile number and email of their own, so online matching finds only them.</summary>
    public static async Task<Guid> AddBookableClientAsync(this ClinicApp app)
    {
        var id = Guid.CreateVersion7();
        await app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at)
            VALUES (@id, @tenant_id, 'Sana', @last, @phone, @email, @now)
            """,
            new { id, last = $"Malik-{id:N}", phone = $"+92300{Random.Shared.Next(0, 9_999_999):D7}", email = $"sana-{id:N}@example.test", now = app.Clock.GetUtcNow() }));
        return id;
    }

    public static Task SetTimeZoneAsync(this ClinicApp app, string zone) =>
        app.InClinicAsync(db => db.ExecuteAsync("UPDATE accounts_tenants SET time_zone = @zone WHERE id = @tenant_id", new { zone }));

    public static Task<string> StatusOfAsync(this ClinicApp app, Guid appointment) =>
        app.InClinicAsync(async db => (await db.ExecuteScalarAsync<string>("SELECT status FROM booking_appointments WHERE id = @appointment AND tenant_id = @tenant_id", new { appointment }))!);

    private static int Minutes(TimeOnly time) => (time.Hour * 60) + time.Minute;
}

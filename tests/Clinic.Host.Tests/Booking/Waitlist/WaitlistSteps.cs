using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.Waitlist;

/// <summary>What the waitlist tests do over and over: arrange a service, book and cancel online, read entries and offers.</summary>
public abstract class WaitlistSteps(OnlineBookingClinic fixture)
{
    protected static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    protected OnlineBookingClinic Fixture => fixture;

    protected ClinicApp App => fixture.App;

    protected async Task<(Guid Service, Guid Provider, DateOnly Day)> ArrangeAsync()
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await App.AddServiceAsync([provider]);
        return (service, provider, DateOnly.FromDateTime(fixture.Clock.GetUtcNow().ToOffset(Karachi).DateTime).AddDays(4));
    }

    protected static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), Karachi);

    protected static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name.StartsWith("Input.", StringComparison.Ordinal) ? f.Name : "Input." + f.Name, f => f.Value, StringComparer.Ordinal);

    protected async Task<string> BookOnlineAsync(Guid service, Guid provider, DateOnly day, DateTimeOffset start)
    {
        using var visitor = App.Browser();
        var held = await visitor.HoldAsync(service, provider, day, start);
        var last = $"Booker-{Guid.NewGuid():N}";
        var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
        return booked.RedirectTarget().AbsolutePath;
    }

    protected async Task CancelAsync(string manage)
    {
        using var client = App.Browser();
        var cancelled = await client.SubmitAsync(manage, new Dictionary<string, string>(StringComparer.Ordinal), "form.cancel-booking");
        Assert.True(cancelled.IsRedirect(), $"cancelling answered {(int)cancelled.StatusCode}");
    }

    /// <summary>The name a waitlist form gives a field of its window row <paramref name="index"/>.</summary>
    protected static string Window(int index, string field) => $"Input.Windows[{index}].{field}";

    /// <summary>Joins the back of the queue: a second passes first, so entries made one after another keep their order.</summary>
    protected async Task<Guid> AddEntryAsync(Guid client, Guid service, int fromMinute = 0, int toMinute = 1440)
    {
        fixture.SetNow(fixture.Clock.GetUtcNow().AddSeconds(1));
        var id = Guid.CreateVersion7();
        await App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                """
                INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, source, status, created_at)
                VALUES (@id, @tenant_id, @client, @service, NULL, 'staff', 'Waiting', @now)
                """,
                new { id, client, service, now = fixture.Clock.GetUtcNow() });
            return await db.ExecuteAsync(
                """
                INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute)
                VALUES (@tenant_id, @id, 0, 127, @fromMinute, @toMinute)
                """,
                new { id, fromMinute, toMinute });
        });
        return id;
    }

    protected Task<string> EntryStatusAsync(Guid client, Guid service) =>
        App.InClinicAsync(async db => (await db.ExecuteScalarAsync<string>(
            "SELECT status FROM booking_waitlist_entries WHERE tenant_id = @tenant_id AND client_id = @client AND service_id = @service", new { client, service }))!);

    protected async Task<List<JsonElement>> OffersAsync(Guid service)
    {
        var payloads = await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM booking_outbox WHERE tenant_id = @tenant_id AND type = @type ORDER BY occurred_at", new { type = EventNames.Of<WaitlistSlotOffered>() }));
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement).Where(p => p.GetProperty("serviceId").GetGuid() == service)];
    }
}


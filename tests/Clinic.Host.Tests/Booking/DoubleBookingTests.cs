using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>
/// The complaint users of open-source schedulers make most: two people booking the same slot at once. Fifty
/// simultaneous requests confirm exactly one appointment; the rest get 409 with a message saying what happened.
/// </summary>
public abstract class DoubleBookingTests(BookingClinic clinic)
{
    private const int Racers = 50;

    [Fact]
    public async Task Fifty_concurrent_bookings_of_one_providers_slot_confirm_exactly_one()
    {
        var provider = await clinic.App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await clinic.App.AddServiceAsync([provider], minutes: 45);

        var answers = await RaceAsync(_ => (service, provider), clinic.KarachiDay(4, 11));

        await AssertExactlyOneAsync(answers, provider);
    }

    [Fact]
    public async Task Fifty_concurrent_bookings_of_the_only_laser_room_through_different_providers_confirm_exactly_one()
    {
        var type = $"Laser room {Guid.NewGuid():N}";
        await clinic.App.AddRoomAsync(type);
        var providers = new List<Guid>();
        for (var i = 0; i < 5; i++)
            providers.Add(await clinic.App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var service = await clinic.App.AddServiceAsync(providers, minutes: 60, resourceType: type);

        var answers = await RaceAsync(i => (service, providers[i % providers.Count]), clinic.KarachiDay(4, 13));

        await AssertExactlyOneAsync(answers, providers.ToArray());
    }

    /// <summary>Every racer is a different client booked from the same signed-in reception desk, all released at once.</summary>
    private async Task<(HttpStatusCode Status, string Body)[]> RaceAsync(Func<int, (Guid Service, Guid Provider)> pick, DateTimeOffset starts)
    {
        using var reception = await clinic.ReceptionAsync();
        var token = await reception.AntiforgeryTokenAsync("/account/password");
        var clients = new List<Guid>();
        for (var i = 0; i < Racers; i++)
            clients.Add(await clinic.App.AddBookableClientAsync());

        using var start = new SemaphoreSlim(0);
        var racers = clients.Select(async (client, i) =>
        {
            var (service, provider) = pick(i);
            var fields = BookingForms.BookingFields(service, provider, starts);
            fields["__RequestVerificationToken"] = token;
            fields["_handler"] = "book-appointment";
            fields["Input.ClientId"] = client.ToString();
            await start.WaitAsync();
            var response = await reception.PostAsync($"/appointments/new?clientId={client}", fields);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(Racers);
        return await Task.WhenAll(racers);
    }

    private async Task AssertExactlyOneAsync((HttpStatusCode Status, string Body)[] answers, params Guid[] providers)
    {
        Assert.Single(answers, a => a.Status == HttpStatusCode.Found);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Found), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.True(
                a.Body.Contains("has just been taken", StringComparison.Ordinal) || a.Body.Contains("No suitable room", StringComparison.Ordinal),
                "A refused racer is told why.");
        });
        long live = 0;
        foreach (var provider in providers)
        {
            live += await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND provider_id = @provider AND status NOT IN ('Cancelled', 'NoShow')",
                new { provider }));
        }

        Assert.Equal(1, live);
    }
}

public sealed class DoubleBookingTests_on_Sqlite(BookingClinicOnSqlite clinic) : DoubleBookingTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class DoubleBookingTests_on_Postgres(BookingClinicOnPostgres clinic) : DoubleBookingTests(clinic), IClassFixture<BookingClinicOnPostgres>;

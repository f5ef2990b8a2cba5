using System.Net;
using System.Text.Json;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking.Waitlist;

/// <summary>
/// Clients wait for a service; a cancellation offers the freed slot to the first one it suits, the offer expires and
/// passes to the next, and the offer's link books the slot while it is still free.
/// </summary>
public abstract class WaitlistTests(OnlineBookingClinic fixture) : WaitlistSteps(fixture)
{
    [Fact]
    public async Task Reception_puts_a_client_on_the_waitlist_and_a_cancellation_offers_them_the_slot()
    {
        var (service, provider, day) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        using var reception = await Fixture.ReceptionAsync();
        var start = At(day, 10, 0);

        var added = await reception.SubmitAsync("/waitlist", Fields(("Input.ClientId", client.ToString()), ("Input.ServiceId", service.ToString()),
            ("Input.ProviderId", provider.ToString()), (Window(0, WaitlistPreferences.DayNames[(int)day.DayOfWeek]), "on"), (Window(0, "From"), "09:00"), (Window(0, "To"), "12:00")), "form.add-waitlist");
        var (list, listPage) = await reception.GetPageAsync("/waitlist");
        var manage = await BookOnlineAsync(service, provider, day, start);
        var offeredAt = Fixture.Clock.GetUtcNow();
        await CancelAsync(manage);
        var offer = Assert.Single(await OffersAsync(service));

        Assert.True(added.IsRedirect(), $"adding answered {(int)added.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Single(listPage.QuerySelectorAll("table.waitlist tbody tr"), r => r.TextContent.Contains($"Malik-{client:N}", StringComparison.Ordinal));
        Assert.Equal(client, offer.GetProperty("clientId").GetGuid());
        Assert.Equal(provider, offer.GetProperty("providerId").GetGuid());
        Assert.Equal(start, offer.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(offeredAt.AddHours(2), offer.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.StartsWith("http://localhost/waitlist/offer/", App.OpenLink(offer.GetProperty("offerUrl")), StringComparison.Ordinal);
        Assert.Equal("Offered", await EntryStatusAsync(client, service));
    }

    [Fact]
    public async Task A_freed_slot_outside_a_client_s_preferred_times_is_not_offered_to_them_but_to_the_next_who_fits()
    {
        var (service, provider, day) = await ArrangeAsync();
        var mornings = await App.AddBookableClientAsync();
        var anytime = await App.AddBookableClientAsync();
        await AddEntryAsync(mornings, service, fromMinute: 9 * 60, toMinute: 12 * 60);
        await AddEntryAsync(anytime, service);
        var manage = await BookOnlineAsync(service, provider, day, At(day, 15, 0));

        await CancelAsync(manage);
        var offer = Assert.Single(await OffersAsync(service));

        Assert.Equal(anytime, offer.GetProperty("clientId").GetGuid());
        Assert.Equal("Waiting", await EntryStatusAsync(mornings, service));
    }

    [Fact]
    public async Task An_unanswered_offer_expires_and_the_same_slot_is_offered_to_the_next_client_whose_old_link_then_answers_410()
    {
        var (service, provider, day) = await ArrangeAsync();
        var first = await App.AddBookableClientAsync();
        var second = await App.AddBookableClientAsync();
        await AddEntryAsync(first, service);
        await AddEntryAsync(second, service);
        var manage = await BookOnlineAsync(service, provider, day, At(day, 11, 0));
        await CancelAsync(manage);
        var firstOffer = Assert.Single(await OffersAsync(service));

        Fixture.SetNow(Fixture.Clock.GetUtcNow().AddHours(2));
        await App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<PassOnExpiredOffers>().RunAsync(default);
            return 0;
        });
        var offers = await OffersAsync(service);
        var firstOffered = firstOffer.GetProperty("clientId").GetGuid();
        using var visitor = App.Browser();
        var (expired, _) = await visitor.GetPageAsync(new Uri(App.OpenLink(firstOffer.GetProperty("offerUrl"))).AbsolutePath);

        Assert.Equal(first, firstOffered);
        Assert.Equal(2, offers.Count);
        Assert.Equal(second, offers[1].GetProperty("clientId").GetGuid());
        Assert.Equal(firstOffer.GetProperty("startsAt").GetDateTimeOffset(), offers[1].GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("Waiting", await EntryStatusAsync(first, service));
        Assert.Equal("Offered", await EntryStatusAsync(second, service));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Fact]
    public async Task The_offer_link_books_the_slot_for_the_client_while_it_is_still_free()
    {
        var (service, provider, day) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        await AddEntryAsync(client, service);
        var start = At(day, 13, 0);
        var manage = await BookOnlineAsync(service, provider, day, start);
        await CancelAsync(manage);
        var link = new Uri(App.OpenLink(Assert.Single(await OffersAsync(service)).GetProperty("offerUrl"))).AbsolutePath;
        using var visitor = App.Browser();

        var (opened, _) = await visitor.GetPageAsync(link);
        var statusAfterOpening = await EntryStatusAsync(client, service);
        var booked = await visitor.SubmitAsync(link, new Dictionary<string, string>(StringComparer.Ordinal), "form.take-offer");
        var appointment = await App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<(string Status, string Source, DateTimeOffset StartsAt)>(
            "SELECT status AS Status, source AS Source, starts_at AS StartsAt FROM booking_appointments WHERE tenant_id = @tenant_id AND client_id = @client",
            new { client }));
        var (after, afterPage) = await visitor.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("Offered", statusAfterOpening);
        Assert.True(booked.IsRedirect(), $"booking answered {(int)booked.StatusCode}");
        Assert.Equal(("Confirmed", "waitlist", start), appointment);
        Assert.Equal("Booked", await EntryStatusAsync(client, service));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("booked for you", afterPage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_offer_link_says_the_slot_has_gone_when_someone_else_took_it_first()
    {
        var (service, provider, day) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        await AddEntryAsync(client, service);
        var start = At(day, 14, 0);
        var manage = await BookOnlineAsync(service, provider, day, start);
        await CancelAsync(manage);
        var link = new Uri(App.OpenLink(Assert.Single(await OffersAsync(service)).GetProperty("offerUrl"))).AbsolutePath;
        using var visitor = App.Browser();
        var form = await visitor.FormAsync(link, "form.take-offer");

        using (var other = App.Browser())
            Assert.True((await other.HoldAsync(service, provider, day, start)).IsRedirect());
        var refused = await visitor.PostFormAsync(link, form);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("this time has gone", (await refused.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting", await EntryStatusAsync(client, service));
    }

    [Fact]
    public async Task A_visitor_joins_the_waitlist_online_and_is_matched_to_the_client_with_their_mobile()
    {
        var (service, _, _) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        var phone = await App.InClinicAsync(db => db.ExecuteScalarAsync<string>("SELECT phone FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client", new { client }));
        using var visitor = App.Browser();

        var refused = await visitor.SubmitAsync($"/book/waitlist?service={service}", Fields(
            ("Input.FirstName", "Sana"), ("Input.LastName", "Malik"), ("Input.Mobile", "12"), ("Input.Email", "sana@example.test")), "form.join-waitlist");
        var joined = await visitor.SubmitAsync($"/book/waitlist?service={service}", Fields(
            ("Input.FirstName", "Sana"), ("Input.LastName", "Malik"), ("Input.Mobile", phone!), ("Input.Email", "sana@example.test"), (Window(0, "Saturday"), "on")), "form.join-waitlist");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refused.PageAsync()).FieldError("mobile")));
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains("You are on the waiting list", (await joined.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Waiting", await EntryStatusAsync(client, service));
    }
}

public sealed class WaitlistTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : WaitlistTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class WaitlistTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : WaitlistTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

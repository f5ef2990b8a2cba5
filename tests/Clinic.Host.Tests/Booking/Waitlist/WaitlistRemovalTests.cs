using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Features.RemoveWaitlistEntry;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.Waitlist;

/// <summary>
/// Reception takes a client off the waitlist: the entry stays as history, the client gets no more offers, and a slot
/// they were being offered passes to the next client it suits. Another clinic's entry answers 404 (Abuse/IdorCases).
/// </summary>
public abstract class WaitlistRemovalTests(OnlineBookingClinic fixture) : WaitlistSteps(fixture)
{
    [Fact]
    public async Task Removing_a_client_withdraws_their_offer_passes_the_slot_on_and_offers_them_nothing_more()
    {
        var (service, provider, day) = await ArrangeAsync();
        var first = await App.AddBookableClientAsync();
        var second = await App.AddBookableClientAsync();
        var entry = await AddEntryAsync(first, service);
        await AddEntryAsync(second, service);
        await CancelAsync(await BookOnlineAsync(service, provider, day, At(day, 11, 0)));
        var offered = Assert.Single(await OffersAsync(service));
        var link = new Uri(App.OpenLink(offered.GetProperty("offerUrl"))).AbsolutePath;
        using var reception = await Fixture.ReceptionAsync();
        var path = $"/waitlist/{entry}/remove";

        var (confirm, confirmPage) = await reception.GetPageAsync(path);
        var removedAt = Fixture.Clock.GetUtcNow();
        HttpResponseMessage removed = null!;
        var audited = await App.RecordedDuringAsync(async () => removed = await reception.SubmitAsync(path, new Dictionary<string, string>(StringComparer.Ordinal), "form.remove-waitlist"));
        var passedOn = await OffersAsync(service);
        var stored = await App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<(string Status, DateTimeOffset RemovedAt, Guid RemovedBy)>(
            "SELECT status AS Status, removed_at AS RemovedAt, removed_by AS RemovedBy FROM booking_waitlist_entries WHERE tenant_id = @tenant_id AND id = @entry",
            new { entry }));
        using var visitor = App.Browser();
        var (withdrawn, withdrawnPage) = await visitor.GetPageAsync(link);
        var (_, list) = await reception.GetPageAsync("/waitlist");
        var (again, _) = await reception.GetPageAsync(path);
        // The second client holds the only other place, already offered: a removed entry would be the only taker.
        await CancelAsync(await BookOnlineAsync(service, provider, day, At(day, 13, 0)));

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains($"Remove Sana Malik-{first:N} from the waitlist?", confirmPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.True(removed.IsRedirect(), $"removing answered {(int)removed.StatusCode}");
        Assert.Equal("/waitlist", removed.RedirectTarget().AbsolutePath);
        var record = Assert.Single(audited, a => a.Action == RemoveWaitlistEntry.AuditAction);
        Assert.Equal(first, record.ClientId);
        Assert.Equal("Removed", stored.Status);
        Assert.Equal(removedAt, stored.RemovedAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(record.ActorId, stored.RemovedBy);
        Assert.Equal(2, passedOn.Count);
        Assert.Equal(second, passedOn[1].GetProperty("clientId").GetGuid());
        Assert.Equal(offered.GetProperty("startsAt").GetDateTimeOffset(), passedOn[1].GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Gone, withdrawn.StatusCode);
        Assert.Contains("withdrawn", withdrawnPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(list.QuerySelectorAll("table.waitlist tbody tr"), r => r.TextContent.Contains($"Malik-{first:N}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(2, (await OffersAsync(service)).Count);
        Assert.Equal("Removed", await EntryStatusAsync(first, service));
    }

    [Fact]
    public async Task A_clinician_without_the_waitlist_permission_cannot_remove_an_entry()
    {
        var (service, _, _) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        var entry = await AddEntryAsync(client, service);
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Clinician, BookingClinic.Password);
        using var clinician = App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);

        var (opened, _) = await clinician.GetPageAsync($"/waitlist/{entry}/remove");

        Assert.True(opened.StatusCode == HttpStatusCode.Forbidden || opened.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)opened.StatusCode}");
        Assert.Equal("Waiting", await EntryStatusAsync(client, service));
    }
}

public sealed class WaitlistRemovalTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : WaitlistRemovalTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class WaitlistRemovalTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : WaitlistRemovalTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

using System.Net;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// A treatment the clinic marks "consultation needed first" is never booked online, as the services page promises:
/// online booking sends the visitor to the consultation request and says why, and a hand-made request to hold or
/// book it is refused with nothing stored.
/// </summary>
public abstract class ConsultationFirstTests(OnlineBookingClinic fixture)
{
    private static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Online_booking_offers_a_consultation_first_service_as_a_consultation_request_and_says_why()
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await App.AddServiceAsync([provider], consultationFirst: true);
        using var visitor = App.Browser();

        var (_, menu) = await visitor.GetPageAsync("/book");
        var (chosen, chosenPage) = await visitor.GetPageAsync($"/book?service={service}");
        var (day, dayPage) = await visitor.GetPageAsync(OnlineVisitor.DayPath(service, provider, Today().AddDays(3)));

        var entry = menu.QuerySelectorAll("ul.services li").Single(li => li.QuerySelector($"a[href='/consultation?service={service}']") is not null);
        Assert.DoesNotContain(entry.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/book?service={service}");
        Assert.Contains("Consultation first", entry.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains("needs a consultation first", chosenPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(chosenPage.QuerySelector($"a[href='/consultation?service={service}']"));
        Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        Assert.Null(dayPage.QuerySelector("form.slots"));
        Assert.Null(dayPage.QuerySelector("a[href^='/book/waitlist']"));
    }

    [Fact]
    public async Task Hand_made_posts_to_hold_or_book_a_consultation_first_service_are_refused_and_store_nothing()
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var bookable = await App.AddServiceAsync([provider]);
        var consultation = await App.AddServiceAsync([provider], consultationFirst: true);
        var day = Today().AddDays(3);
        var last = $"Eager-{Guid.NewGuid():N}";
        using var visitor = App.Browser();
        var slots = await visitor.FormAsync(OnlineVisitor.DayPath(bookable, provider, day), "form.slots");
        slots["Input.StartsAt"] = OnlineVisitor.Instant(At(day, 10, 0));
        // Held while the service was still bookable, then the clinic decided it needs a consultation first.
        var laterPath = (await visitor.HoldAsync(bookable, provider, day, At(day, 11, 0))).HoldPath();
        var contact = await visitor.FormAsync(laterPath, "form.hold-contact");
        foreach (var (name, value) in OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"))
            contact[name] = value;

        var forgedHold = await visitor.PostFormAsync(OnlineVisitor.DayPath(bookable, provider, day), new(slots, StringComparer.Ordinal) { ["Input.ServiceId"] = consultation.ToString() });
        var onItsPage = await visitor.PostFormAsync(OnlineVisitor.DayPath(consultation, provider, day), new(slots, StringComparer.Ordinal) { ["Input.ServiceId"] = consultation.ToString() });
        await App.InClinicAsync(db => db.ExecuteAsync("UPDATE booking_services SET consultation_first = TRUE WHERE tenant_id = @tenant_id AND id = @bookable", new { bookable }));
        var completed = await visitor.PostFormAsync(laterPath, contact);
        var waitlist = (await visitor.GetPageAsync($"/book/waitlist?service={consultation}")).Response;

        Assert.Equal(HttpStatusCode.Conflict, forgedHold.StatusCode);
        Assert.Contains("needs a consultation first", (await forgedHold.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, onItsPage.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, completed.StatusCode);
        var told = await completed.PageAsync();
        Assert.Contains("needs a consultation first", told.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(told.QuerySelector($"a[href='/consultation?service={bookable}']"));
        Assert.Equal(HttpStatusCode.NotFound, waitlist.StatusCode);
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id IN (@bookable, @consultation)", new { bookable, consultation })));
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last })));
    }

    private DateOnly Today() => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().ToOffset(Karachi).DateTime);

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), Karachi);
}

public sealed class ConsultationFirstTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : ConsultationFirstTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class ConsultationFirstTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : ConsultationFirstTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

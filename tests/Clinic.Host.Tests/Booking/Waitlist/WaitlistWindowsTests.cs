using System.Net;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking.Waitlist;

/// <summary>An entry may give several times of the week that suit; a freed slot goes to it when it fits any one of them.</summary>
public abstract class WaitlistWindowsTests(OnlineBookingClinic fixture) : WaitlistSteps(fixture)
{
    [Fact]
    public async Task A_slot_that_fits_the_second_of_two_windows_but_not_the_first_is_offered_to_the_client()
    {
        var (service, provider, day) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        using var reception = await Fixture.ReceptionAsync();

        var added = await reception.SubmitAsync("/waitlist", Fields(
            ("Input.ClientId", client.ToString()), ("Input.ServiceId", service.ToString()),
            (Window(0, DayName(day, 1)), "on"), (Window(0, "From"), "09:00"), (Window(0, "To"), "12:00"),
            (Window(1, DayName(day)), "on"), (Window(1, "From"), "14:00"), (Window(1, "To"), "17:00")), "form.add-waitlist");
        var (_, list) = await reception.GetPageAsync("/waitlist");
        var manage = await BookOnlineAsync(service, provider, day, At(day, 15, 0));
        await CancelAsync(manage);
        var offer = Assert.Single(await OffersAsync(service));

        Assert.True(added.IsRedirect(), $"adding answered {(int)added.StatusCode}");
        var row = Assert.Single(list.QuerySelectorAll("table.waitlist tbody tr"), r => r.TextContent.Contains($"Malik-{client:N}", StringComparison.Ordinal));
        Assert.Contains($"{DayName(day, 1)[..3]}, 09:00–12:00; or {DayName(day)[..3]}, 14:00–17:00", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(client, offer.GetProperty("clientId").GetGuid());
        Assert.Equal("Offered", await EntryStatusAsync(client, service));
    }

    [Fact]
    public async Task Both_waitlist_forms_offer_three_rows_of_days_and_times_that_work_without_scripts()
    {
        var (service, _, _) = await ArrangeAsync();
        using var reception = await Fixture.ReceptionAsync();
        using var visitor = App.Browser();

        var (_, staff) = await reception.GetPageAsync("/waitlist");
        var (_, online) = await visitor.GetPageAsync($"/book/waitlist?service={service}");

        foreach (var page in new[] { staff, online })
        {
            for (var row = 0; row < 3; row++)
            {
                Assert.NotNull(page.QuerySelector($"input[type=checkbox][name='{Window(row, "Thursday")}']"));
                Assert.NotNull(page.QuerySelector($"input#waitlist-window-{row}-from[name='{Window(row, "From")}']"));
                Assert.NotNull(page.QuerySelector($"input#waitlist-window-{row}-to[name='{Window(row, "To")}']"));
            }

            Assert.Null(page.QuerySelector($"input[name='{Window(3, "From")}']"));
        }
    }

    [Fact]
    public async Task A_slot_that_fits_none_of_a_client_s_windows_is_not_offered_to_them()
    {
        var (service, provider, day) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        using var visitor = App.Browser();
        var phone = await App.InClinicAsync(db => db.ExecuteScalarAsync<string>("SELECT phone FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client", new { client }));

        // The right day but the morning, or the right time but another day.
        var joined = await visitor.SubmitAsync($"/book/waitlist?service={service}", Fields(
            ("Input.FirstName", "Sana"), ("Input.LastName", "Malik"), ("Input.Mobile", phone!), ("Input.Email", "sana@example.test"),
            (Window(0, DayName(day)), "on"), (Window(0, "From"), "09:00"), (Window(0, "To"), "12:00"),
            (Window(1, DayName(day, 1)), "on"), (Window(1, "From"), "14:00"), (Window(1, "To"), "17:00")), "form.join-waitlist");
        var manage = await BookOnlineAsync(service, provider, day, At(day, 15, 0));
        await CancelAsync(manage);

        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(2, await WindowCountAsync(client));
        Assert.Empty(await OffersAsync(service));
        Assert.Equal("Waiting", await EntryStatusAsync(client, service));
    }

    [Theory]
    [InlineData(1, "14:00", "13:00", "waitlist-window-1-to")]
    [InlineData(2, "25:00", "", "waitlist-window-2-from")]
    [InlineData(0, "", "nine", "waitlist-window-0-to")]
    public async Task Bad_times_in_a_window_answer_400_naming_that_window_s_field_and_store_nothing(int window, string from, string to, string field)
    {
        var (service, _, _) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        using var reception = await Fixture.ReceptionAsync();
        using var visitor = App.Browser();
        // As a browser posts the form: every row's times, blank or not.
        var times = Enumerable.Range(0, 3)
            .SelectMany(row => new[] { (Window(row, "From"), row == window ? from : ""), (Window(row, "To"), row == window ? to : "") })
            .ToArray();

        var staff = await reception.SubmitAsync("/waitlist", Fields(
            [("Input.ClientId", client.ToString()), ("Input.ServiceId", service.ToString()), (Window(0, "Monday"), "on"), .. times]), "form.add-waitlist");
        var online = await visitor.SubmitAsync($"/book/waitlist?service={service}", Fields(
            [("Input.FirstName", "Sana"), ("Input.LastName", "Malik"), ("Input.Mobile", OnlineVisitor.NewMobile()), ("Input.Email", "sana@example.test"), .. times]),
            "form.join-waitlist");

        Assert.Equal(HttpStatusCode.BadRequest, staff.StatusCode);
        Assert.False(string.IsNullOrEmpty((await staff.PageAsync()).FieldError(field)), $"no error next to {field} on the staff form");
        Assert.Equal(HttpStatusCode.BadRequest, online.StatusCode);
        Assert.False(string.IsNullOrEmpty((await online.PageAsync()).FieldError(field)), $"no error next to {field} on the public form");
        Assert.Equal(0, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_waitlist_entries WHERE tenant_id = @tenant_id AND service_id = @service", new { service })));
    }

    [Fact]
    public async Task A_fourth_window_posted_by_hand_answers_400_and_stores_nothing()
    {
        var (service, _, _) = await ArrangeAsync();
        var client = await App.AddBookableClientAsync();
        using var reception = await Fixture.ReceptionAsync();

        var refused = await reception.SubmitAsync("/waitlist", Fields(
            [("Input.ClientId", client.ToString()), ("Input.ServiceId", service.ToString()), .. Enumerable.Range(0, 4).Select(row => (Window(row, "From"), "10:00"))]),
            "form.add-waitlist");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 3", (await refused.PageAsync()).QuerySelector("form.add-waitlist [role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("none", await App.InClinicAsync(async db => await db.ExecuteScalarAsync<string>(
            "SELECT status FROM booking_waitlist_entries WHERE tenant_id = @tenant_id AND client_id = @client", new { client }) ?? "none"));
    }

    private static string DayName(DateOnly day, int later = 0) => WaitlistPreferences.DayNames[((int)day.DayOfWeek + later) % 7];

    private Task<long> WindowCountAsync(Guid client) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM booking_waitlist_windows w JOIN booking_waitlist_entries e ON e.tenant_id = w.tenant_id AND e.id = w.entry_id
            WHERE w.tenant_id = @tenant_id AND e.client_id = @client
            """,
            new { client }));
}

public sealed class WaitlistWindowsTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : WaitlistWindowsTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class WaitlistWindowsTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : WaitlistWindowsTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// A clinic with tight limits on online holds (three per visitor and five per address in ten minutes, two held at once
/// per visitor), whose visitors come from the address in <see cref="ClientIpHeader"/>.
/// </summary>
public abstract class HoldLimitClinic(DatabaseProvider provider) : BookingClinic(provider)
{
    public const string ClientIpHeader = "X-Test-Client-Ip";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:RateLimits:OnlineHoldPerIp:PermitLimit"] = "5",
        ["Clinic:RateLimits:OnlineHoldPerIp:Window"] = "00:10:00",
        ["Clinic:RateLimits:OnlineHoldPerVisitor:PermitLimit"] = "3",
        ["Clinic:RateLimits:OnlineHoldPerVisitor:Window"] = "00:10:00",
        ["Clinic:Booking:LiveHoldsPerVisitor"] = "2",
    };

    /// <summary>A visitor's browser arriving from <paramref name="ip"/>.</summary>
    public ClinicClient Visitor(string ip)
    {
        var browser = App.Browser();
        browser.Http.DefaultRequestHeaders.Add(ClientIpHeader, ip);
        return browser;
    }

    protected override ClinicApp Create(TestDatabase database) => new AddressedClinicApp(database, Settings);

    private sealed class AddressedClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings) : ClinicApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteIpFromHeader>());
        }
    }

    // The test server leaves the connection's address empty; a real one always has it.
    private sealed class RemoteIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader].ToString(), out var ip))
                    context.Connection.RemoteIpAddress = ip;
                return rest(context);
            });
            next(app);
        };
    }
}

public sealed class HoldLimitClinicOnSqlite() : HoldLimitClinic(DatabaseProvider.Sqlite);

public sealed class HoldLimitClinicOnPostgres() : HoldLimitClinic(DatabaseProvider.Postgres);

/// <summary>
/// Anonymous visitors cannot hold every free slot: holds are limited per visitor and per address, one visitor keeps
/// only two at once, and staff book over a hold that is not yet an appointment, its visitor then told the time was taken.
/// </summary>
public abstract class HoldLimitTests(HoldLimitClinic clinic)
{
    private static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    [Fact]
    public async Task A_visitor_holding_a_fourth_time_in_ten_minutes_gets_429_with_retry_after_while_another_visitor_still_can_hold()
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = clinic.Visitor(NewIp());
        using var other = clinic.Visitor(NewIp());

        var allowed = new List<HttpResponseMessage>();
        for (var hour = 9; hour < 12; hour++)
            allowed.Add(await visitor.HoldAsync(service, provider, day, At(day, hour, 0)));
        var refused = await visitor.HoldAsync(service, provider, day, At(day, 12, 0));
        var elsewhere = await other.HoldAsync(service, provider, day, At(day, 12, 0));

        Assert.All(allowed, a => Assert.True(a.IsRedirect(), $"a hold answered {(int)a.StatusCode}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to try again");
        Assert.Contains("Too many times were held", (await refused.PageAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.True(elsewhere.IsRedirect(), $"another visitor answered {(int)elsewhere.StatusCode}");
    }

    [Fact]
    public async Task Visitors_from_one_address_get_429_on_its_sixth_hold_even_with_fresh_cookies_while_another_address_still_can_hold()
    {
        var (service, provider, day) = await ArrangeAsync();
        var ip = NewIp();

        var allowed = new List<HttpResponseMessage>();
        for (var hour = 9; hour < 14; hour++)
        {
            using var fresh = clinic.Visitor(ip);
            allowed.Add(await fresh.HoldAsync(service, provider, day, At(day, hour, 0)));
        }

        using var sixth = clinic.Visitor(ip);
        var refused = await sixth.HoldAsync(service, provider, day, At(day, 14, 0));
        using var neighbour = clinic.Visitor(NewIp());
        var elsewhere = await neighbour.HoldAsync(service, provider, day, At(day, 14, 0));

        Assert.All(allowed, a => Assert.True(a.IsRedirect(), $"a hold answered {(int)a.StatusCode}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.True(elsewhere.IsRedirect(), $"another address answered {(int)elsewhere.StatusCode}");
        Assert.Equal(6, await HoldsAsync(service));
    }

    [Fact]
    public async Task A_visitor_keeps_two_holds_at_once_and_holding_a_third_gives_back_the_oldest_time_to_others()
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = clinic.Visitor(NewIp());
        using var other = clinic.Visitor(NewIp());

        var first = (await visitor.HoldAsync(service, provider, day, At(day, 9, 0))).HoldPath();
        var second = (await visitor.HoldAsync(service, provider, day, At(day, 10, 0))).HoldPath();
        var third = (await visitor.HoldAsync(service, provider, day, At(day, 11, 0))).HoldPath();
        var (firstAgain, firstPage) = await visitor.GetPageAsync(first);
        var (secondAgain, _) = await visitor.GetPageAsync(second);
        var (thirdAgain, _) = await visitor.GetPageAsync(third);
        var retaken = await other.HoldAsync(service, provider, day, At(day, 9, 0));

        Assert.Equal(HttpStatusCode.Gone, firstAgain.StatusCode);
        Assert.Contains("no longer held", firstPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, secondAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, thirdAgain.StatusCode);
        Assert.True(retaken.IsRedirect(), $"the released time answered {(int)retaken.StatusCode}");
    }

    [Fact]
    public async Task Staff_book_over_a_visitors_hold_and_the_visitor_is_told_the_time_was_taken_with_nothing_stored_for_them()
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = clinic.Visitor(NewIp());
        using var reception = await clinic.ReceptionAsync();
        var client = await clinic.App.AddBookableClientAsync();
        var last = $"Overtaken-{Guid.NewGuid():N}";
        var holdPath = (await visitor.HoldAsync(service, provider, day, At(day, 15, 0))).HoldPath();
        var form = await visitor.FormAsync(holdPath, "form.hold-contact");
        foreach (var (name, value) in OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"))
            form[name] = value;

        var staff = await reception.BookAsync(client, service, provider, At(day, 15, 0));
        var completed = await visitor.PostFormAsync(holdPath, form);
        var (reopened, _) = await visitor.GetPageAsync(holdPath);
        var bookings = await clinic.App.InClinicAsync(db => db.QueryAsync<Guid?>(
            "SELECT client_id FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service", new { service }));
        var visitorClients = await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last }));

        Assert.True(staff.IsRedirect(), $"staff booking answered {(int)staff.StatusCode}");
        Assert.Equal(HttpStatusCode.Conflict, completed.StatusCode);
        var told = (await completed.PageAsync()).Body!.TextContent;
        Assert.Contains("this time was taken", told, StringComparison.Ordinal);
        Assert.Contains("pick another time", told, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        Assert.Equal([client], bookings);
        Assert.Equal(0, visitorClients);
    }

    [Fact]
    public async Task Staff_cannot_book_over_a_hold_that_became_an_appointment()
    {
        var (service, provider, day) = await ArrangeAsync();
        using var visitor = clinic.Visitor(NewIp());
        using var reception = await clinic.ReceptionAsync();
        var last = $"First-{Guid.NewGuid():N}";
        var holdPath = (await visitor.HoldAsync(service, provider, day, At(day, 16, 0))).HoldPath();
        var booked = await visitor.BookAsync(holdPath, OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));

        var staff = await reception.BookAsync(await clinic.App.AddBookableClientAsync(), service, provider, At(day, 16, 0));

        Assert.True(booked.IsRedirect());
        Assert.Equal(HttpStatusCode.Conflict, staff.StatusCode);
    }

    private async Task<(Guid Service, Guid Provider, DateOnly Day)> ArrangeAsync()
    {
        var provider = await clinic.App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await clinic.App.AddServiceAsync([provider]);
        return (service, provider, DateOnly.FromDateTime(clinic.Clock.GetUtcNow().ToOffset(Karachi).DateTime).AddDays(3));
    }

    private Task<long> HoldsAsync(Guid service) =>
        clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND service_id = @service AND status = 'Held'", new { service }));

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), Karachi);

    /// <summary>An address no other test uses.</summary>
    private static string NewIp() => new IPAddress(Guid.NewGuid().ToByteArray()).ToString();
}

public sealed class HoldLimitTests_on_Sqlite(HoldLimitClinicOnSqlite clinic) : HoldLimitTests(clinic), IClassFixture<HoldLimitClinicOnSqlite>;

public sealed class HoldLimitTests_on_Postgres(HoldLimitClinicOnPostgres clinic) : HoldLimitTests(clinic), IClassFixture<HoldLimitClinicOnPostgres>;

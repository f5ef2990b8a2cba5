using System.Net;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.Portal;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>
/// Nothing that may carry a client's data is kept by the browser, a proxy or the service worker: pages, exports and
/// answers say <c>Cache-Control: no-store</c>, while the app's own stylesheets and scripts stay cacheable (ADR 0021).
/// </summary>
public abstract class CachingTests(OnlineBookingClinic fixture)
{
    private static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Staff_pages_exports_and_search_answers_are_not_stored()
    {
        var client = await App.AddClientAsync("Zara", "NoStore", email: null);
        using var owner = App.Browser();
        await owner.SignInAsync();

        foreach (var path in new[] { "/audit.csv", "/clients/suggestions?q=zara", $"/clients/{client}", "/clients", "/start" })
        {
            using var response = await owner.Http.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} may be stored: Cache-Control {response.Headers.CacheControl}.");
        }
    }

    [Fact]
    public async Task The_client_portal_and_a_booking_s_manage_page_are_not_stored()
    {
        var email = $"portal-{Guid.NewGuid():N}@client.test";
        await App.AddClientAsync("Sana", "NoStore", email);
        using var client = App.Browser();
        await client.SignInToPortalAsync(App, email);
        var manage = await BookOnlineAsync();

        foreach (var path in new[] { "/portal", manage })
        {
            var (response, _) = await client.GetPageAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} may be stored: Cache-Control {response.Headers.CacheControl}.");
        }
    }

    [Theory]
    [InlineData("/css/app.css")]
    [InlineData("/js/app.js")]
    [InlineData("/_framework/blazor.web.js")] // the framework's script, which staff pages load (ADR 0034)
    public async Task The_app_s_own_stylesheets_and_scripts_stay_cacheable(string path)
    {
        using var response = await App.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore == true, $"{path} answered Cache-Control {response.Headers.CacheControl}.");
    }

    /// <summary>Books a slot as a visitor of the public site and returns the path of its manage link.</summary>
    private async Task<string> BookOnlineAsync()
    {
        var provider = await App.AddProviderAsync(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = await App.AddServiceAsync([provider]);
        var day = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().ToOffset(Karachi).DateTime).AddDays(3);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Karachi);
        using var visitor = App.Browser();
        var held = await visitor.HoldAsync(service, provider, day, start);
        var last = $"NoStore-{Guid.NewGuid():N}";
        var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
        return booked.RedirectTarget().AbsolutePath;
    }
}

public sealed class CachingTests_on_Sqlite(OnlineBookingClinicOnSqlite fixture) : CachingTests(fixture), IClassFixture<OnlineBookingClinicOnSqlite>;

public sealed class CachingTests_on_Postgres(OnlineBookingClinicOnPostgres fixture) : CachingTests(fixture), IClassFixture<OnlineBookingClinicOnPostgres>;

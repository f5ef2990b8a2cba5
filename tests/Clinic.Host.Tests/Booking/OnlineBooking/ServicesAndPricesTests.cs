using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// The public services-and-prices page: each clinic's own active services by category, priced in the clinic's
/// currency, each leading into online booking or, when it cannot be booked online, to a consultation request.
/// </summary>
public abstract class ServicesAndPricesTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : ServiceMenuClinics
{
    public Task InitializeAsync() => clinics.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_page_lists_active_services_by_category_with_description_duration_and_price_in_the_clinic_s_currency()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await clinics.AddServiceAsync($"Skin {tag}", "Chemical peel", 45, 15_000.5m, description: "A gentle glycolic peel.");
        await clinics.AddServiceAsync($"Skin {tag}", "HydraFacial", 60, 18_000m);
        await clinics.AddServiceAsync($"Laser {tag}", "Laser hair removal", 90, 125_000m);
        using var visitor = clinics.App.Browser(TwoClinics.HostA);

        var (response, page) = await visitor.GetPageAsync("/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Services and prices", page.QuerySelector("h1")?.TextContent);
        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent).Where(h => h.EndsWith(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Laser {tag}", $"Skin {tag}"], headings);
        var skin = Category(page, $"Skin {tag}");
        Assert.Equal(["Chemical peel", "HydraFacial"], skin.Select(s => s.QuerySelector("h3")!.TextContent));
        Assert.Equal(["Duration", "45 min", "Price", "AED 15,000.50"], Facts(skin[0]));
        Assert.Equal("A gentle glycolic peel.", skin[0].QuerySelector("p")?.TextContent);
        Assert.Equal(["Duration", "60 min", "Price", "AED 18,000"], Facts(skin[1]));
        Assert.Equal(["Duration", "90 min", "Price", "AED 125,000"], Facts(Category(page, $"Laser {tag}").Single()));
    }

    [Fact]
    public async Task Disabled_services_never_show_and_those_not_bookable_online_offer_a_consultation_request_instead()
    {
        var category = $"Injectables {Guid.NewGuid():N}";
        var bookable = await clinics.AddServiceAsync(category, "Anti-wrinkle", 30, 35_000m);
        var offline = await clinics.AddServiceAsync(category, "Dermal filler", 45, 65_000m, online: false);
        var consultFirst = await clinics.AddServiceAsync(category, "Lip filler", 45, 55_000m, consultationFirst: true);
        var nobodyPerforms = await clinics.AddServiceAsync(category, "Thread lift", 60, 90_000m, performed: false);
        await clinics.AddServiceAsync(category, "Retired treatment", 30, 10_000m, active: false);
        using var visitor = clinics.App.Browser(TwoClinics.HostA);

        var (_, page) = await visitor.GetPageAsync("/services");
        var (consultation, form) = await visitor.GetPageAsync($"/consultation?service={offline}");

        var listed = Category(page, category);
        var services = listed.ToDictionary(s => s.QuerySelector("h3")!.TextContent, StringComparer.Ordinal);
        Assert.Equal(["Anti-wrinkle", "Dermal filler", "Lip filler", "Thread lift"], listed.Select(s => s.QuerySelector("h3")!.TextContent));
        Assert.Equal(($"/book?service={bookable}", "Book Anti-wrinkle"), Action(services["Anti-wrinkle"]));
        Assert.Equal(($"/consultation?service={offline}", "Request a consultation for Dermal filler"), Action(services["Dermal filler"]));
        Assert.Equal(($"/consultation?service={consultFirst}", "Request a consultation for Lip filler"), Action(services["Lip filler"]));
        Assert.Equal(($"/consultation?service={nobodyPerforms}", "Request a consultation for Thread lift"), Action(services["Thread lift"]));
        Assert.Equal("Consultation needed first", services["Lip filler"].QuerySelector(".badge")?.TextContent);
        Assert.Null(services["Anti-wrinkle"].QuerySelector(".badge"));
        Assert.DoesNotContain("Retired treatment", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, consultation.StatusCode);
        Assert.Equal(offline.ToString(), (form.QuerySelector("select#service option[selected]") as IHtmlOptionElement)?.Value);
    }

    [Fact]
    public async Task The_Book_link_opens_online_booking_for_that_service_where_anyone_available_offers_times()
    {
        var name = $"Microneedling {Guid.NewGuid():N}";
        var service = await clinics.AddServiceAsync($"Skin {Guid.NewGuid():N}", name, 60, 22_000m);
        using var visitor = clinics.App.Browser(TwoClinics.HostA);
        var (_, menu) = await visitor.GetPageAsync("/services");
        var book = menu.QuerySelectorAll("a").Single(a => a.TextContent == $"Book {name}").GetAttribute("href")!;

        var (opened, booking) = await visitor.GetPageAsync(book);
        var any = booking.QuerySelectorAll("a").Single(a => a.TextContent == "Any available").GetAttribute("href")!;
        var (_, times) = await visitor.GetPageAsync(any);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(name, booking.QuerySelector("main h2")?.TextContent);
        Assert.Contains("Who would you like to see?", booking.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(times.QuerySelectorAll("form.slots button"));
        Assert.All(times.QuerySelectorAll("form.slots input[name='Input.ServiceId']"), i => Assert.Equal(service.ToString(), i.GetAttribute("value")));
    }

    [Fact]
    public async Task Clinic_B_never_lists_clinic_A_s_services_and_says_kindly_that_its_menu_is_empty()
    {
        var name = $"Clinic A only {Guid.NewGuid():N}";
        await clinics.AddServiceAsync("Skin", name, 30, 9_000m);
        using var visitorA = clinics.App.Browser(TwoClinics.HostA);
        using var visitorB = clinics.App.Browser(TwoClinics.HostB);

        var (_, atA) = await visitorA.GetPageAsync("/services");
        var (atBResponse, atB) = await visitorB.GetPageAsync("/services");

        Assert.Contains(name, atA.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, atBResponse.StatusCode);
        Assert.DoesNotContain(name, atB.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(atB.QuerySelectorAll(".services-list"));
        Assert.Contains("Our treatment menu is being updated", atB.QuerySelector("main .empty")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/consultation", atB.QuerySelector("main .empty a")?.GetAttribute("href"));
    }

    private static List<IElement> Category(IHtmlDocument page, string name) =>
        [.. page.QuerySelectorAll("main section").Single(s => s.QuerySelector("h2")?.TextContent == name).QuerySelectorAll("ul.services-list > li")];

    private static List<string> Facts(IElement service) => [.. service.QuerySelectorAll("dl.service-facts dt, dl.service-facts dd").Select(e => e.TextContent)];

    private static (string? Href, string Name) Action(IElement service)
    {
        var link = service.QuerySelector(".service-action a")!;
        return (link.GetAttribute("href"), link.TextContent.Trim());
    }
}

/// <summary>Two clinics; clinic A prices in AED and its owner performs its services around the clock, clinic B offers nothing.</summary>
public abstract class ServiceMenuClinics(DatabaseProvider provider) : TwoClinics(provider)
{
    private Task? _prepared;
    private Guid _owner;

    public Task PrepareAsync() => _prepared ??= PrepareOnceAsync();

    /// <summary>
    /// A service of clinic A, performed by its owner unless <paramref name="performed"/> is false. Its row keeps PKR, the
    /// currency it was saved in before the clinic moved to AED, so only the clinic's own currency can show AED.
    /// </summary>
    public async Task<Guid> AddServiceAsync(
        string category, string name, int minutes, decimal price, string? description = null,
        bool online = true, bool consultationFirst = false, bool active = true, bool performed = true)
    {
        var id = Guid.CreateVersion7();
        await InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, description, duration_minutes, price, currency, online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, @category, @name, @description, @minutes, @price, 'PKR', @online, @consultationFirst, @active)
                """,
                new { id, category, name, description, minutes, price, online, consultationFirst, active });
            return performed
                ? await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @owner)", new { id, owner = _owner })
                : 0;
        });
        return id;
    }

    private async Task PrepareOnceAsync()
    {
        await SetUpAsync();
        _owner = await InClinicAsync(async db =>
        {
            await db.ExecuteAsync("UPDATE accounts_tenants SET currency = 'AED' WHERE id = @tenant_id");
            var owner = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id");
            for (var weekday = 0; weekday < 7; weekday++)
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @owner, @weekday, 0, 1440)",
                    new { id = Guid.CreateVersion7(), owner, weekday });
            }

            return owner;
        });
    }

    private Task<T> InClinicAsync<T>(Func<DbSession, Task<T>> work) =>
        App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(A.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });
}

public sealed class ServiceMenuClinicsOnSqlite() : ServiceMenuClinics(DatabaseProvider.Sqlite);

public sealed class ServiceMenuClinicsOnPostgres() : ServiceMenuClinics(DatabaseProvider.Postgres);

public sealed class ServicesAndPricesTests_on_Sqlite(ServiceMenuClinicsOnSqlite clinics) : ServicesAndPricesTests<ServiceMenuClinicsOnSqlite>(clinics), IClassFixture<ServiceMenuClinicsOnSqlite>;

public sealed class ServicesAndPricesTests_on_Postgres(ServiceMenuClinicsOnPostgres clinics) : ServicesAndPricesTests<ServiceMenuClinicsOnPostgres>(clinics), IClassFixture<ServiceMenuClinicsOnPostgres>;

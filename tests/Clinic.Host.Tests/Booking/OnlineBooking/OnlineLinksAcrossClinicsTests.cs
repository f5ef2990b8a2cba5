using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// The secrets in online booking's links belong to one clinic: at another clinic's address they answer exactly as an
/// unknown secret does, show nothing, and change nothing.
/// </summary>
public abstract class OnlineLinksAcrossClinicsTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : TwoClinics
{
    public Task InitializeAsync() => clinics.SetUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Clinic_A_s_hold_manage_and_waitlist_offer_links_answer_at_clinic_B_as_unknown_ones_do()
    {
        var service = await ArrangeAsync(clinics.A.Id);
        using var visitorA = clinics.App.Browser(TwoClinics.HostA);
        var booked = await BookAsync(visitorA, service);
        var manage = booked.RedirectTarget().AbsolutePath;
        var hold = (await HoldFirstSlotAsync(visitorA, service, day: 3)).HoldPath();
        var offer = await OfferAsync(clinics.A.Id, service);
        using var visitorB = clinics.App.Browser(TwoClinics.HostB);

        var (manageAtB, manageAtBPage) = await visitorB.GetPageAsync(manage);
        var (holdAtB, _) = await visitorB.GetPageAsync(hold);
        var (offerAtB, _) = await visitorB.GetPageAsync(offer);
        var (manageAtA, _) = await visitorA.GetPageAsync(manage);
        var (holdAtA, _) = await visitorA.GetPageAsync(hold);
        var (offerAtA, _) = await visitorA.GetPageAsync(offer);

        Assert.Equal(HttpStatusCode.OK, manageAtA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, holdAtA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, offerAtA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, manageAtB.StatusCode);
        Assert.DoesNotContain("Facial", manageAtBPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, holdAtB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, offerAtB.StatusCode);
    }

    private Task<T> InClinicAsync<T>(Guid clinic, Func<DbSession, Task<T>> work) =>
        clinics.App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });

    /// <summary>An online service performed by the clinic's owner, who works around the clock.</summary>
    private Task<Guid> ArrangeAsync(Guid clinic) =>
        InClinicAsync(clinic, async db =>
        {
            var provider = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            for (var weekday = 0; weekday < 7; weekday++)
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @provider, @weekday, 0, 1440)",
                    new { id = Guid.CreateVersion7(), provider, weekday });
            }

            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency, online_bookable, consultation_first, active)
                VALUES (@id, @tenant_id, 'Skin', 'Facial', 30, 9000, 'PKR', TRUE, FALSE, TRUE)
                """,
                new { id });
            await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @id, @provider)", new { id, provider });
            return id;
        });

    private async Task<HttpResponseMessage> HoldFirstSlotAsync(ClinicClient visitor, Guid service, int day)
    {
        var path = $"/book?service={service}&provider=any&date={clinics.Clock.GetUtcNow().AddDays(day):yyyy-MM-dd}";
        var (_, page) = await visitor.GetPageAsync(path);
        var fields = await visitor.FormAsync(path, "form.slots");
        fields["Input.StartsAt"] = page.QuerySelector("form.slots button")!.GetAttribute("value")!;
        return await visitor.PostFormAsync(path, fields);
    }

    private async Task<HttpResponseMessage> BookAsync(ClinicClient visitor, Guid service)
    {
        var held = await HoldFirstSlotAsync(visitor, service, day: 4);
        var last = $"Across-{Guid.NewGuid():N}";
        return await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
    }

    /// <summary>A client of clinic A waits for the service; another booking of it is cancelled, so they are offered the slot.</summary>
    private async Task<string> OfferAsync(Guid clinic, Guid service)
    {
        using var visitor = clinics.App.Browser(TwoClinics.HostA);
        var booked = await BookAsync(visitor, service);
        var client = await InClinicAsync(clinic, db => db.ExecuteScalarAsync<Guid>("SELECT id FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1"));
        var entry = Guid.CreateVersion7();
        await InClinicAsync(clinic, async db =>
        {
            await db.ExecuteAsync(
                """
                INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, source, status, created_at)
                VALUES (@entry, @tenant_id, @client, @service, NULL, 'staff', 'Waiting', @now)
                """,
                new { entry, client, service, now = clinics.Clock.GetUtcNow() });
            return await db.ExecuteAsync(
                "INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute) VALUES (@tenant_id, @entry, 0, 127, 0, 1440)",
                new { entry });
        });
        var cancelled = await visitor.SubmitAsync(booked.RedirectTarget().AbsolutePath, new Dictionary<string, string>(StringComparer.Ordinal), "form.cancel-booking");
        Assert.True(cancelled.IsRedirect(), $"cancelling answered {(int)cancelled.StatusCode}");
        var payload = await InClinicAsync(clinic, db => db.ExecuteScalarAsync<string>(
            "SELECT payload FROM booking_outbox WHERE tenant_id = @tenant_id AND type = @type",
            new { type = EventNames.Of<global::Clinic.Modules.Booking.Contracts.WaitlistSlotOffered>() }));
        return new Uri(clinics.App.OpenLink(System.Text.Json.JsonDocument.Parse(payload!).RootElement.GetProperty("offerUrl"))).AbsolutePath;
    }
}

public sealed class OnlineLinksAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite clinics) : OnlineLinksAcrossClinicsTests<TwoClinicsOnSqlite>(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class OnlineLinksAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres clinics) : OnlineLinksAcrossClinicsTests<TwoClinicsOnPostgres>(clinics), IClassFixture<TwoClinicsOnPostgres>;

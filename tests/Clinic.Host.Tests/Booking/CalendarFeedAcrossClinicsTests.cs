using System.Net;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Modules.Booking.Features.CalendarFeed;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>A feed's token opens only its own clinic's calendar: on another clinic's address it is unknown.</summary>
public abstract class CalendarFeedAcrossClinicsTests(TwoClinics clinics)
{
    [Fact]
    public async Task Another_clinics_token_answers_404()
    {
        await clinics.SetUpAsync();
        var token = await clinics.App.InScopeAsync(services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinics.B.Id);
            return services.GetRequiredService<CalendarFeedSubscription.Handler>().CreateAsync(Guid.CreateVersion7(), default);
        });
        using var atA = clinics.App.Browser(TwoClinics.HostA);
        using var atB = clinics.App.Browser(TwoClinics.HostB);

        var theirs = await atA.Http.GetAsync($"/calendar/{token}.ics");
        var own = await atB.Http.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}

public sealed class CalendarFeedAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite fixture) : CalendarFeedAcrossClinicsTests(fixture), IClassFixture<TwoClinicsOnSqlite>;

public sealed class CalendarFeedAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres fixture) : CalendarFeedAcrossClinicsTests(fixture), IClassFixture<TwoClinicsOnPostgres>;

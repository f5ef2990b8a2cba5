using System.Net;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>The week view opens only this clinic's providers: another clinic's staff id is unknown here.</summary>
public abstract class CalendarPagesAcrossClinicsTests(TwoClinics clinics)
{
    [Fact]
    public async Task Another_clinics_provider_answers_404_and_shows_nothing_of_theirs()
    {
        await clinics.SetUpAsync();
        var theirs = await OwnerOfAsync(clinics.A.Id);
        var own = await OwnerOfAsync(clinics.B.Id);
        using var ownerOfB = clinics.App.Browser(TwoClinics.HostB);
        await ownerOfB.SignInAsync(TwoClinics.OwnerB);

        var (foreign, foreignPage) = await ownerOfB.GetPageAsync($"/schedule/week?provider={theirs}");
        var (mine, minePage) = await ownerOfB.GetPageAsync($"/schedule/week?provider={own}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("Clinic A owner", foreignPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(foreignPage.QuerySelector("table.calendar"));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Clinic B owner", minePage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    private Task<Guid> OwnerOfAsync(Guid clinic) =>
        clinics.App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().ReadAsync(default);
            return await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
        });
}

public sealed class CalendarPagesAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite fixture) : CalendarPagesAcrossClinicsTests(fixture), IClassFixture<TwoClinicsOnSqlite>;

public sealed class CalendarPagesAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres fixture) : CalendarPagesAcrossClinicsTests(fixture), IClassFixture<TwoClinicsOnPostgres>;

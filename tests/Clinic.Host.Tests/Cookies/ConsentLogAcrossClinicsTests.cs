using Clinic.Host.Tests.Tenancy;
using Xunit;

namespace Clinic.Host.Tests.Cookies;

/// <summary>In the SaaS edition each clinic's consent log holds only the choices made on its own site.</summary>
public abstract class ConsentLogAcrossClinicsTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : TwoClinics
{
    public Task InitializeAsync() => clinics.A is null ? clinics.SetUpAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_choice_made_on_one_clinics_site_is_in_its_log_and_export_and_not_in_the_others()
    {
        using var visitor = clinics.App.Browser(TwoClinics.HostA);
        await visitor.ChooseAsync("custom", "analytics");
        var (_, settings) = await visitor.GetPageAsync("/cookies/settings");
        var consentId = settings.QuerySelector(".consent-id code")!.TextContent;
        using var ownerA = clinics.App.Browser(TwoClinics.HostA);
        await ownerA.SignInAsync(TwoClinics.OwnerA);
        using var ownerB = clinics.App.Browser(TwoClinics.HostB);
        await ownerB.SignInAsync(TwoClinics.OwnerB);

        var exportA = await ownerA.Http.GetStringAsync("/settings/cookie-consents.csv");
        var exportB = await ownerB.Http.GetStringAsync("/settings/cookie-consents.csv");
        var (_, pageB) = await ownerB.GetPageAsync("/settings/cookie-consents");
        using var sameBrowserAtB = clinics.App.Browser(TwoClinics.HostB);
        var (_, bannerAtB) = await sameBrowserAtB.GetPageAsync("/cookies");

        Assert.Contains(consentId, exportA, StringComparison.Ordinal);
        Assert.DoesNotContain(consentId, exportB, StringComparison.Ordinal);
        Assert.Null(pageB.QuerySelector($"tr[data-consent='{consentId}']"));
        Assert.NotNull(bannerAtB.QuerySelector("section.cookie-banner"));
    }
}

public sealed class ConsentLogAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite clinics) : ConsentLogAcrossClinicsTests<TwoClinicsOnSqlite>(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class ConsentLogAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres clinics) : ConsentLogAcrossClinicsTests<TwoClinicsOnPostgres>(clinics), IClassFixture<TwoClinicsOnPostgres>;

using Clinic.Host.Tests.Tenancy;
using Xunit;

namespace Clinic.Host.Tests.Website;

/// <summary>In the SaaS edition each clinic's website shows its own profile, whichever clinic saved last.</summary>
public abstract class ClinicSiteAcrossClinicsTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : TwoClinics
{
    public Task InitializeAsync() => clinics.A is null ? clinics.SetUpAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Clinic_bs_site_shows_bs_profile_and_never_as()
    {
        using var ownerA = clinics.App.Browser(TwoClinics.HostA);
        await ownerA.SignInAsync(TwoClinics.OwnerA);
        using var ownerB = clinics.App.Browser(TwoClinics.HostB);
        await ownerB.SignInAsync(TwoClinics.OwnerB);
        await ownerB.SaveProfileAsync(ProfileForms.Valid("Clinic B").With("Input.Tagline", "B's own tagline").With("Input.Address", "B Street"));
        await ownerA.SaveProfileAsync(ProfileForms.Valid("Clinic A").With("Input.Tagline", "A's tagline").With("Input.Address", "A Street").With("Input.Phone", "0333 1112223"));

        var (_, homeB) = await clinics.App.Browser(TwoClinics.HostB).GetPageAsync("/");
        var (_, aboutB) = await clinics.App.Browser(TwoClinics.HostB).GetPageAsync("/about");
        var (_, formB) = await ownerB.GetPageAsync(ProfileForms.Path);
        var (_, homeA) = await clinics.App.Browser(TwoClinics.HostA).GetPageAsync("/");

        Assert.Equal("Clinic B", homeB.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("B's own tagline", homeB.QuerySelector("main .tagline")!.TextContent.Trim());
        foreach (var page in new[] { homeB, aboutB })
        {
            Assert.DoesNotContain("A Street", page.DocumentElement.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("A's tagline", page.DocumentElement.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("+923331112223", page.DocumentElement.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal("B Street", formB.QuerySelector("#address")!.TextContent.Trim());
        Assert.Equal("A's tagline", homeA.QuerySelector("main .tagline")!.TextContent.Trim());
    }
}

public sealed class ClinicSiteAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite clinics) : ClinicSiteAcrossClinicsTests<TwoClinicsOnSqlite>(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class ClinicSiteAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres clinics) : ClinicSiteAcrossClinicsTests<TwoClinicsOnPostgres>(clinics), IClassFixture<TwoClinicsOnPostgres>;

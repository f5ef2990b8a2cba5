using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.StaffManagement;

/// <summary>Each clinic keeps its last owner. Another clinic's staff ids are attacked in Abuse/IdorTests.</summary>
public abstract class StaffIsolationTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : TwoClinics
{
    public Task InitializeAsync() => clinics.A is null ? clinics.SetUpAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_last_owner_cannot_deactivate_or_demote_themselves()
    {
        var ownerA = await StaffIdAsync(clinics.A.Id, TwoClinics.OwnerA);
        using var owner = clinics.App.Browser(TwoClinics.HostA);
        await owner.SignInAsync(TwoClinics.OwnerA);

        var deactivate = await owner.DeactivateAsync(ownerA);
        var demote = await owner.ChangeRoleAsync(ownerA, Roles.Reception);
        var demotePage = await demote.PageAsync();
        var (still, _) = await owner.GetPageAsync("/staff");

        Assert.Equal(HttpStatusCode.BadRequest, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("at least one active owner", demotePage.FieldError("role"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    private Task<Guid> StaffIdAsync(Guid clinic, string email) =>
        clinics.App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().ReadAsync(default);
            return await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email", new { email });
        });
}

public sealed class StaffIsolationTests_on_Sqlite(TwoClinicsOnSqlite clinics) : StaffIsolationTests<TwoClinicsOnSqlite>(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class StaffIsolationTests_on_Postgres(TwoClinicsOnPostgres clinics) : StaffIsolationTests<TwoClinicsOnPostgres>(clinics), IClassFixture<TwoClinicsOnPostgres>;

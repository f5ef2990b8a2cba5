using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.StaffManagement;

/// <summary>Each clinic keeps its last owner, and no owner can see or change another clinic's staff.</summary>
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

    [Fact]
    public async Task Another_clinic_s_owner_can_neither_see_nor_change_its_staff()
    {
        var ownerA = await StaffIdAsync(clinics.A.Id, TwoClinics.OwnerA);
        using var ownerB = clinics.App.Browser(TwoClinics.HostB);
        await ownerB.SignInAsync(TwoClinics.OwnerB);
        var token = await ownerB.AntiforgeryTokenAsync("/staff");

        var (list, listPage) = await ownerB.GetPageAsync("/staff");
        var (rolePage, _) = await ownerB.GetPageAsync($"/staff/{ownerA}/role");
        var (deactivatePage, _) = await ownerB.GetPageAsync($"/staff/{ownerA}/deactivate");
        var (resetPage, _) = await ownerB.GetPageAsync($"/staff/{ownerA}/reset-two-factor");
        var changeRole = await ownerB.PostAsync($"/staff/{ownerA}/role", StaffForms.Fields(
            ("_handler", "change-role"), ("__RequestVerificationToken", token), ("Input.Role", Roles.Reception)));
        var deactivate = await ownerB.PostAsync($"/staff/{ownerA}/deactivate", StaffForms.Fields(
            ("_handler", "deactivate-staff"), ("__RequestVerificationToken", token), ("Input.Confirm", "yes")));
        var reset = await ownerB.PostAsync($"/staff/{ownerA}/reset-two-factor", StaffForms.Fields(
            ("_handler", "reset-two-factor"), ("__RequestVerificationToken", token), ("Input.Confirm", "yes")));
        using var ownerAStill = clinics.App.Browser(TwoClinics.HostA);
        await ownerAStill.SignInAsync(TwoClinics.OwnerA);
        var (atA, _) = await ownerAStill.GetPageAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(TwoClinics.OwnerA, listPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, rolePage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deactivatePage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resetPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, changeRole.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atA.StatusCode);
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

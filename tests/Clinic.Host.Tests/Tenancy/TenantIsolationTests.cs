using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Clients.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Tenancy;

public abstract class TenantIsolationTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : TwoClinics
{
    protected TClinics Clinics => clinics;

    public Task InitializeAsync() => clinics.A is null ? clinics.SetUpAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_query_run_as_one_clinic_returns_none_of_the_other_clinics_rows()
    {
        var seenByA = await ClientsAsSeenBy(clinics.A.Id);
        var seenByB = await ClientsAsSeenBy(clinics.B.Id);

        Assert.Equal(["Ayesha Khan", "Hira Malik", "Sana Raza"], seenByA.Order(StringComparer.Ordinal));
        Assert.Equal(["Usman Butt", "Zainab Iqbal"], seenByB.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_clinic_s_pages_show_only_its_own_clients()
    {
        using var browser = clinics.App.Browser(TwoClinics.HostB);
        await browser.SignInAsync(TwoClinics.OwnerB);

        var (response, page) = await browser.GetPageAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = page.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Butt, Usman", "Iqbal, Zainab"], names);
    }

    [Fact]
    public async Task A_session_from_one_clinic_is_void_at_another_clinic_s_address()
    {
        using var browserA = clinics.App.Browser(TwoClinics.HostA);
        var signIn = await browserA.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = TwoClinics.OwnerA,
            ["Input.Password"] = ClinicApp.OwnerPassword,
        });
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic.session=", StringComparison.Ordinal)).Split(';')[0];
        using var attacker = clinics.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var atA = await GetWithCookieAsync(attacker, TwoClinics.HostA, session);
        var atB = await GetWithCookieAsync(attacker, TwoClinics.HostB, session);

        Assert.Equal(HttpStatusCode.OK, atA.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, atB.StatusCode);
        Assert.StartsWith("/sign-in", atB.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_of_one_clinic_cannot_sign_in_at_another_clinic()
    {
        using var browser = clinics.App.Browser(TwoClinics.HostB);

        await Assert.ThrowsAsync<InvalidOperationException>(() => browser.SignInAsync(TwoClinics.OwnerA));
    }

    [Fact]
    public async Task An_address_no_clinic_is_served_at_answers_404()
    {
        using var browser = clinics.App.Browser("nobody.clinic.test");

        var (response, _) = await browser.GetPageAsync("/sign-in");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IReadOnlyList<string>> ClientsAsSeenBy(Guid tenant) =>
        await clinics.App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(tenant);
            var clients = await services.GetRequiredService<IClientDirectory>().ListAsync(100, default);
            return (IReadOnlyList<string>)clients.Select(c => c.Name).ToList();
        });

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/clients");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

public sealed class TenantIsolationTests_on_Sqlite(TwoClinicsOnSqlite clinics)
    : TenantIsolationTests<TwoClinicsOnSqlite>(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class TenantIsolationTests_on_Postgres(TwoClinicsOnPostgres clinics)
    : TenantIsolationTests<TwoClinicsOnPostgres>(clinics), IClassFixture<TwoClinicsOnPostgres>
{
    [Fact]
    public async Task Row_level_security_hides_other_clinics_rows_even_from_sql_without_a_tenant_filter()
    {
        var database = Clinics.App.Services.GetRequiredService<ClinicDatabase>();

        await using var asA = await database.BeginAsync(Clinics.A.Id, write: false, default);
        var visibleToA = await asA.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients");
        await using var noTenant = await database.BeginAsync(tenantId: null, write: false, default);
        var visibleWithoutTenant = await noTenant.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients");

        Assert.Equal(3, visibleToA);
        Assert.Equal(0, visibleWithoutTenant);
    }

    [Fact]
    public async Task Row_level_security_refuses_a_row_written_for_another_clinic()
    {
        var database = Clinics.App.Services.GetRequiredService<ClinicDatabase>();
        await using var asA = await database.BeginAsync(Clinics.A.Id, write: true, default);

        var write = () => asA.ExecuteAsync(
            "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, created_at) VALUES (@id, @other, 'Mallory', 'X', @now)",
            new { id = Guid.CreateVersion7(), other = Clinics.B.Id, now = Clinics.Clock.GetUtcNow() });

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(write);
        Assert.Equal("42501", error.SqlState);
    }
}

using Clinic.Host.Tests.Tenancy;
using Clinic.Modules.Accounts.Audit;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Audit;

/// <summary>In the SaaS edition each clinic has its own chain, and its owner sees only its own entries.</summary>
public abstract class AuditIsolationTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : TwoClinics
{
    public async Task InitializeAsync()
    {
        if (clinics.A is not null)
            return;
        await clinics.SetUpAsync();
        foreach (var (host, owner) in new[] { (TwoClinics.HostA, TwoClinics.OwnerA), (TwoClinics.HostB, TwoClinics.OwnerB) })
        {
            using var browser = clinics.App.Browser(host);
            await browser.SignInAsync(owner);
            await browser.GetPageAsync("/clients");
        }

        await clinics.App.RunJobsAsync(AuditChainer.Name);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_clinic_s_owner_sees_none_of_another_clinic_s_entries_on_the_page_or_in_the_export()
    {
        using var browser = clinics.App.Browser(TwoClinics.HostA);
        await browser.SignInAsync(TwoClinics.OwnerA);

        var (_, page) = await browser.GetPageAsync("/audit");
        var export = await browser.Http.GetStringAsync("/audit.csv");

        var people = page.QuerySelectorAll("table.audit tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).Distinct().ToList();
        Assert.Equal(["Clinic A owner"], people);
        Assert.Contains("Clinic A owner", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Clinic B", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_clinic_s_chain_verifies_on_its_own()
    {
        var report = await clinics.App.Services.GetRequiredService<IAuditChain>().VerifyAsync(default);

        Assert.Null(report.FirstBroken);
        Assert.Equal(2, report.Clinics);
        Assert.True(report.Entries >= 4, $"Only {report.Entries} entries were verified.");
    }
}

public sealed class AuditIsolationTests_on_Sqlite(TwoClinicsOnSqlite clinics)
    : AuditIsolationTests<TwoClinicsOnSqlite>(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class AuditIsolationTests_on_Postgres(TwoClinicsOnPostgres clinics)
    : AuditIsolationTests<TwoClinicsOnPostgres>(clinics), IClassFixture<TwoClinicsOnPostgres>;

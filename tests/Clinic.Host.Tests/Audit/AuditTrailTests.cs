using System.Data.Common;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Audit;

/// <summary>Sign-ins, sign-outs and client reads land in the clinic's append-only, hash-chained audit trail.</summary>
public abstract class AuditTrailTests(AppFixture fixture)
{
    private const string Device = "ClinicTest/1.0 (Tablet)";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_successful_sign_in_is_recorded_with_the_account_the_ip_and_the_device()
    {
        using var browser = Browser();
        var owner = await App.StaffIdAsync(ClinicApp.OwnerEmail);

        // A browser the owner has not used before also records the new-device alert.
        var recorded = await App.RecordedDuringAsync(() => browser.SignInAsync());

        var entry = Assert.Single(recorded, e => e.Action == "signin.succeeded");
        Assert.All(recorded, e => Assert.True(e.Action is "signin.succeeded" or "signin.new_device", e.Action));
        Assert.Equal("success", entry.Outcome);
        Assert.Equal(owner, entry.ActorId);
        Assert.Equal("Owner", entry.ActorName);
        Assert.Equal(AuditedClinicApp.RemoteIp.ToString(), entry.Ip);
        Assert.Equal(Device, entry.Device);
    }

    [Fact]
    public async Task A_signed_in_member_refused_a_page_is_recorded_as_denied()
    {
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, ClinicApp.OwnerPassword);
        using var browser = Browser();
        await browser.SignInAsync(email);
        var member = await App.StaffIdAsync(email);

        var recorded = await App.RecordedDuringAsync(async () =>
        {
            var (refused, _) = await browser.GetPageAsync("/audit");
            Assert.Equal("/access-denied", refused.RedirectTarget().AbsolutePath);
        });

        var entry = Assert.Single(recorded);
        Assert.Equal(("access.denied", "denied"), (entry.Action, entry.Outcome));
        Assert.Equal(member, entry.ActorId);
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_against_the_account_without_an_actor_or_the_typed_email()
    {
        using var browser = Browser();
        var owner = await App.StaffIdAsync(ClinicApp.OwnerEmail);

        var entry = Assert.Single(await App.RecordedDuringAsync(() => SignInAsync(browser, ClinicApp.OwnerEmail, "not the password at all")));

        Assert.Equal(("signin.failed", "failure"), (entry.Action, entry.Outcome));
        Assert.Null(entry.ActorId);
        Assert.Null(entry.ActorName);
        Assert.Equal(owner, entry.RecordId);
        Assert.Equal(AuditedClinicApp.RemoteIp.ToString(), entry.Ip);
    }

    [Fact]
    public async Task A_failed_sign_in_with_an_unknown_email_stores_nothing_that_identifies_it()
    {
        using var browser = Browser();
        const string stranger = "stranger.person@example.com";

        var entry = Assert.Single(await App.RecordedDuringAsync(() => SignInAsync(browser, stranger, "whatever it was they typed")));

        Assert.Equal(("signin.failed", "failure"), (entry.Action, entry.Outcome));
        Assert.Null(entry.RecordId);
        Assert.DoesNotContain("stranger", entry.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_is_recorded_for_the_person_who_signed_out()
    {
        using var browser = Browser();
        await browser.SignInAsync();
        var owner = await App.StaffIdAsync(ClinicApp.OwnerEmail);

        var entry = Assert.Single(await App.RecordedDuringAsync(async () =>
            Assert.True((await browser.SubmitAsync("/start", new Dictionary<string, string>(StringComparer.Ordinal), "form[action='/sign-out']")).IsRedirect())));

        Assert.Equal(("signout", "success", owner), (entry.Action, entry.Outcome, entry.ActorId));
        Assert.Equal(Device, entry.Device);
    }

    [Fact]
    public async Task Opening_the_client_directory_records_one_clients_list_entry_with_the_owner_as_actor()
    {
        using var browser = Browser();
        await browser.SignInAsync();
        var owner = await App.StaffIdAsync(ClinicApp.OwnerEmail);

        var entry = Assert.Single(await App.RecordedDuringAsync(async () => Assert.True((await browser.GetPageAsync("/clients")).Response.IsSuccessStatusCode)));

        Assert.Equal(("clients.list", "success", owner, "Owner"), (entry.Action, entry.Outcome, entry.ActorId, entry.ActorName));
    }

    [Fact]
    public async Task Writers_recording_at_the_same_time_extend_one_chain_that_verifies()
    {
        const int writers = 16;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(RecordOneAsync)));
        var entries = await App.AllAsync();
        var report = await App.Services.GetRequiredService<IAuditChain>().VerifyAsync(default);

        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(writers, entries.Count(e => e.Action == "test.concurrent"));
        Assert.Null(report.FirstBroken);
        Assert.Equal((entries.Count, 1), (report.Entries, report.Clinics));
    }

    [Fact]
    public async Task The_application_cannot_change_or_delete_an_entry()
    {
        using var browser = Browser();
        await browser.SignInAsync();

        await Assert.ThrowsAnyAsync<DbException>(() =>
            App.InClinicAsync(db => db.ExecuteAsync("UPDATE accounts_audit_entries SET action = 'nothing.happened' WHERE tenant_id = @tenant_id")));
        await Assert.ThrowsAnyAsync<DbException>(() =>
            App.InClinicAsync(db => db.ExecuteAsync("DELETE FROM accounts_audit_entries WHERE tenant_id = @tenant_id")));
        Assert.DoesNotContain(await App.AllAsync(), e => e.Action == "nothing.happened");
    }

    private ClinicClient Browser()
    {
        var browser = App.Browser();
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(Device);
        return browser;
    }

    private Task<int> RecordOneAsync() =>
        App.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default);
            services.GetRequiredService<TenantContext>().Use(clinic!.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(db, new AuditEntry("test.concurrent"));
            await db.CommitAsync();
            return 0;
        });

    private static Task<HttpResponseMessage> SignInAsync(ClinicClient browser, string email, string password) =>
        browser.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Email"] = email, ["Input.Password"] = password });
}

public sealed class AuditTrailTests_on_Sqlite(AuditedSqliteApp fixture) : AuditTrailTests(fixture), IClassFixture<AuditedSqliteApp>;

public sealed class AuditTrailTests_on_Postgres(AuditedPostgresApp fixture) : AuditTrailTests(fixture), IClassFixture<AuditedPostgresApp>;

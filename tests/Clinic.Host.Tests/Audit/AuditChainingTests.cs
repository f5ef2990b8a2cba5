using System.Data.Common;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Audit;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Audit;

/// <summary>
/// An access records its entry in its own transaction without taking the chain's lock; the audit-chain job gives
/// each committed entry its place in the chain afterwards (ADR 0028).
/// </summary>
public abstract class AuditChainingTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task An_entry_recorded_by_a_read_or_a_write_that_rolls_back_vanishes_with_it()
    {
        await InClinicAsync(async (tenantDb, audit) =>
        {
            await using (var read = await tenantDb.ReadAsync(default))
                await audit.RecordAsync(read, new AuditEntry("test.read-rolled-back"));
            await using (var write = await tenantDb.BeginAsync(default))
                await audit.RecordAsync(write, new AuditEntry("test.write-rolled-back"));
        });

        var entries = await App.AllAsync();
        var report = await VerifyAsync();

        Assert.DoesNotContain(entries, e => e.Action.EndsWith("rolled-back", StringComparison.Ordinal));
        Assert.Equal((null, 0L), (report.FirstBroken, report.Waiting));
    }

    [Fact]
    public async Task The_job_chains_entries_in_commit_order_and_an_entry_that_commits_late_with_an_earlier_time_exactly_once()
    {
        var earlyTime = App.Clock.GetUtcNow();
        await InClinicAsync(async (tenantDb, audit) =>
        {
            // Opened first and recorded first, so its entry carries the earliest time, but it commits last.
            await using var slow = await tenantDb.ReadAsync(default);
            await audit.RecordAsync(slow, new AuditEntry("test.committed-late"));
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            foreach (var action in (string[])["test.first", "test.second"])
            {
                await using var quick = await tenantDb.ReadAsync(default);
                await audit.RecordAsync(quick, new AuditEntry(action));
                await quick.CommitAsync();
            }

            await App.RunJobsAsync(AuditChainer.Name);
            await slow.CommitAsync();
        });
        await App.RunJobsAsync(AuditChainer.Name, AuditChainer.Name);

        var entries = await App.AllAsync();
        var report = await VerifyAsync();

        var ours = entries.Where(e => e.Action is "test.first" or "test.second" or "test.committed-late").ToList();
        Assert.Equal(["test.first", "test.second", "test.committed-late"], ours.Select(e => e.Action));
        Assert.Equal([ours[0].Sequence + 1, ours[0].Sequence + 2], ours.Skip(1).Select(e => e.Sequence));
        Assert.Equal(AuditHash.Storable(earlyTime), ours[2].OccurredAt);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal((null, 0L, entries.Count), (report.FirstBroken, report.Waiting, report.Entries));
    }

    [Fact]
    public async Task Reads_of_two_clients_of_one_clinic_hold_their_audit_entries_open_at_the_same_time()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        await InClinicAsync(async (tenantDb, audit) =>
        {
            await using var one = await tenantDb.ReadAsync(default);
            await using var other = await tenantDb.ReadAsync(default);
            // The chain's old lock made the second reader wait for the first to commit; both are open here, so it
            // would have waited for ever. The timeout turns that wait into a failure instead of a hung test.
            if (App.Provider == DatabaseProvider.Postgres)
                await other.ExecuteAsync("SET LOCAL lock_timeout = '5s'");
            foreach (var reader in new[] { one, other })
                await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id");
            await audit.RecordAsync(one, new AuditEntry("clients.viewed") { ClientId = first });
            await audit.RecordAsync(other, new AuditEntry("clients.viewed") { ClientId = second });
            await other.CommitAsync();
            await one.CommitAsync();
        });

        var entries = await App.AllAsync();
        Assert.Single(entries, e => e.ClientId == first);
        Assert.Single(entries, e => e.ClientId == second);
    }

    [Fact]
    public async Task Entries_not_yet_chained_are_reported_as_waiting_not_as_tampering()
    {
        await App.RunJobsAsync(AuditChainer.Name);
        await InClinicAsync(async (tenantDb, audit) =>
        {
            await using var db = await tenantDb.ReadAsync(default);
            await audit.RecordAsync(db, new AuditEntry("test.waiting"));
            await audit.RecordAsync(db, new AuditEntry("test.waiting"));
            await db.CommitAsync();
        });

        var waiting = await VerifyAsync();
        await App.RunJobsAsync(AuditChainer.Name);
        var chained = await VerifyAsync();

        Assert.Equal((null, 2L), (waiting.FirstBroken, waiting.Waiting));
        Assert.Equal((null, 0L, waiting.Entries + 2), (chained.FirstBroken, chained.Waiting, chained.Entries));
    }

    [Fact]
    public async Task A_waiting_entry_can_neither_be_changed_nor_removed_before_it_is_chained()
    {
        await InClinicAsync(async (tenantDb, audit) =>
        {
            await using var db = await tenantDb.BeginAsync(default);
            await audit.RecordAsync(db, new AuditEntry("test.kept"));
            await db.CommitAsync();
        });

        await Assert.ThrowsAnyAsync<DbException>(() =>
            Web.SingleClinic.InClinicAsync(App, db => db.ExecuteAsync("UPDATE accounts_audit_pending SET action = 'nothing.happened' WHERE tenant_id = @tenant_id")));
        await Assert.ThrowsAnyAsync<DbException>(() =>
            Web.SingleClinic.InClinicAsync(App, db => db.ExecuteAsync("DELETE FROM accounts_audit_pending WHERE tenant_id = @tenant_id")));
        Assert.Single(await App.AllAsync(), e => e.Action == "test.kept");
    }

    private Task<AuditChainReport> VerifyAsync() => App.Services.GetRequiredService<IAuditChain>().VerifyAsync(default);

    private Task<int> InClinicAsync(Func<TenantDb, IAuditTrail, Task> work) =>
        App.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default);
            services.GetRequiredService<TenantContext>().Use(clinic!.Id);
            await work(services.GetRequiredService<TenantDb>(), services.GetRequiredService<IAuditTrail>());
            return 0;
        });
}

public sealed class AuditChainingTests_on_Sqlite(SqliteApp fixture) : AuditChainingTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditChainingTests_on_Postgres(PostgresApp fixture) : AuditChainingTests(fixture), IClassFixture<PostgresApp>;

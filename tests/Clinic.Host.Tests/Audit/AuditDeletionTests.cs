using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Configuration;
using Clinic.Modules.Accounts.Audit;
using Clinic.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Audit;

/// <summary>
/// Someone with the database owner's rights switches the append-only guard off and deletes an entry: `audit verify`
/// names the place. Each test has its own fixture, because the deletion breaks the chain for good.
/// </summary>
public abstract class AuditDeletionTests(AppFixture fixture)
{
    protected ClinicApp App => fixture.App;

    private protected async Task<IReadOnlyList<AuditRow>> SignInThreeTimesAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            using var browser = App.Browser();
            await browser.SignInAsync();
        }

        return await App.AllAsync();
    }

    private protected async Task DeleteAsync(AuditRow entry)
    {
        var database = App.Services.GetRequiredService<ClinicDatabase>();
        await using var owner = await database.OpenOwnerAsync(default);
        if (App.Provider == DatabaseProvider.Sqlite)
        {
            await owner.ExecuteAsync("DROP TRIGGER accounts_audit_entries_no_delete");
            await owner.ExecuteAsync("DELETE FROM accounts_audit_entries WHERE id = @entry", new { entry = entry.Id.ToString() });
            return;
        }

        // Row-level security binds the owner too, so it names the clinic like any other transaction.
        await using var transaction = await owner.BeginTransactionAsync();
        await owner.ExecuteAsync(
            """
            SELECT set_config('app.tenant_id', @tenant, true);
            ALTER TABLE accounts_audit_entries DISABLE TRIGGER accounts_audit_entries_append_only;
            DELETE FROM accounts_audit_entries WHERE id = @entry;
            ALTER TABLE accounts_audit_entries ENABLE TRIGGER accounts_audit_entries_append_only;
            """,
            new { tenant = entry.TenantId.ToString(), entry = entry.Id },
            transaction);
        await transaction.CommitAsync();
    }

    protected async Task<HostExit> VerifyAsync()
    {
        using var host = new HostProcess();
        return await host.RunAsync(App.ProcessSettings(), "audit", "verify");
    }
}

public abstract class DeletedMiddleAuditEntryTests(AppFixture fixture) : AuditDeletionTests(fixture)
{
    [Fact]
    public async Task Audit_verify_names_the_entry_after_one_deleted_from_the_middle_of_the_chain()
    {
        var entries = await SignInThreeTimesAsync();
        var (deleted, next) = (entries[1], entries[2]);

        await DeleteAsync(deleted);
        var broken = await VerifyAsync();

        Assert.True(broken.ExitCode == 2, broken.ToString());
        var line = Assert.Single(broken.ErrorLines);
        Assert.Contains($"entry {next.Sequence} (id {next.Id}): the entries between {deleted.Sequence - 1} and {next.Sequence} are missing", line, StringComparison.Ordinal);
    }
}

public abstract class DeletedNewestAuditEntryTests(AppFixture fixture) : AuditDeletionTests(fixture)
{
    [Fact]
    public async Task Audit_verify_names_the_newest_entry_when_it_is_deleted_and_the_chain_stops_extending_over_the_gap()
    {
        var entries = await SignInThreeTimesAsync();
        var newest = entries[^1];

        await DeleteAsync(newest);
        using (var browser = App.Browser())
            await browser.SignInAsync();
        var afterwards = await App.AllAsync();
        var broken = await VerifyAsync();

        Assert.True(broken.ExitCode == 2, broken.ToString());
        var line = Assert.Single(broken.ErrorLines);
        Assert.Contains($"entry {newest.Sequence} (id {newest.Id}): the signed checkpoint vouches for entry {newest.Sequence}, but the chain ends at entry {newest.Sequence - 1}", line, StringComparison.Ordinal);
        Assert.Equal(entries.Count - 1, afterwards.Count);
    }
}

public sealed class DeletedMiddleAuditEntryTests_on_Sqlite(SqliteApp fixture) : DeletedMiddleAuditEntryTests(fixture), IClassFixture<SqliteApp>;

public sealed class DeletedMiddleAuditEntryTests_on_Postgres(PostgresApp fixture) : DeletedMiddleAuditEntryTests(fixture), IClassFixture<PostgresApp>;

public sealed class DeletedNewestAuditEntryTests_on_Sqlite(SqliteApp fixture) : DeletedNewestAuditEntryTests(fixture), IClassFixture<SqliteApp>;

public sealed class DeletedNewestAuditEntryTests_on_Postgres(PostgresApp fixture) : DeletedNewestAuditEntryTests(fixture), IClassFixture<PostgresApp>;

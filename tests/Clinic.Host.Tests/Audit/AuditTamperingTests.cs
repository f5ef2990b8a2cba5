using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Configuration;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Audit;

/// <summary>
/// Someone with the database owner's rights switches the append-only guard off and edits an entry:
/// `audit verify` names that entry. Its own fixture, because the tampering breaks the chain for good.
/// </summary>
public abstract class AuditTamperingTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Audit_verify_passes_an_intact_trail_then_names_the_entry_altered_behind_its_back()
    {
        for (var i = 0; i < 3; i++)
        {
            using var browser = App.Browser();
            await browser.SignInAsync();
        }

        using var host = new HostProcess();
        var entries = await App.AllAsync();
        var intact = await host.RunAsync(Settings(), "audit", "verify");
        var altered = entries[1];
        await AlterAsync(altered.Id, altered.TenantId);
        var report = await App.Services.GetRequiredService<IAuditChain>().VerifyAsync(default);
        var broken = await host.RunAsync(Settings(), "audit", "verify");

        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains($"Audit trail intact: {entries.Count} entries in 1 clinics.", intact.Output, StringComparison.Ordinal);
        Assert.Equal((altered.Sequence, altered.Id), (report.FirstBroken?.Sequence, report.FirstBroken?.Id));
        Assert.True(broken.ExitCode == 2, broken.ToString());
        var line = Assert.Single(broken.ErrorLines);
        Assert.Contains($"entry {altered.Sequence} (id {altered.Id})", line, StringComparison.Ordinal);
        Assert.Contains(altered.TenantId.ToString(), line, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Settings() => App.ProcessSettings();

    private async Task AlterAsync(Guid entry, Guid tenant)
    {
        var database = App.Services.GetRequiredService<ClinicDatabase>();
        await using var owner = await database.OpenOwnerAsync(default);
        if (App.Provider == DatabaseProvider.Sqlite)
        {
            await owner.ExecuteAsync("DROP TRIGGER accounts_audit_entries_no_update");
            await owner.ExecuteAsync("UPDATE accounts_audit_entries SET action = 'signout' WHERE id = @entry", new { entry = entry.ToString() });
            return;
        }

        // Row-level security binds the owner too, so it names the clinic like any other transaction.
        await using var transaction = await owner.BeginTransactionAsync();
        await owner.ExecuteAsync(
            """
            SELECT set_config('app.tenant_id', @tenant, true);
            ALTER TABLE accounts_audit_entries DISABLE TRIGGER accounts_audit_entries_append_only;
            UPDATE accounts_audit_entries SET action = 'signout' WHERE id = @entry;
            ALTER TABLE accounts_audit_entries ENABLE TRIGGER accounts_audit_entries_append_only;
            """,
            new { tenant = tenant.ToString(), entry },
            transaction);
        await transaction.CommitAsync();
    }
}

public sealed class AuditTamperingTests_on_Sqlite(SqliteApp fixture) : AuditTamperingTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditTamperingTests_on_Postgres(PostgresApp fixture) : AuditTamperingTests(fixture), IClassFixture<PostgresApp>;

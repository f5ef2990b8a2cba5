using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Clinic.Host.Tests.Tenancy;

/// <summary>
/// On PostgreSQL the database itself keeps clinics apart, for SQL that forgets its filter as much as for SQL that has
/// one: the application role with no clinic set reads no clinic's row, and with one clinic set none of another's, in
/// every table, the queues that jobs read across clinics included. Tables come from the catalog, so a table added
/// later is covered from the start, or fails here until it is isolated or named below with its reason (ADR 0020).
/// </summary>
public sealed class RowLevelSecurityTests(BusyClinicsOnPostgres clinics) : IClassFixture<BusyClinicsOnPostgres>, IAsyncLifetime
{
    private const string Quartz = "qrtz_";

    /// <summary>Tables that hold nothing of any clinic, so no clinic's policy can apply, each with the reason.</summary>
    private static readonly Dictionary<string, string> PlatformTables = new(StringComparer.Ordinal)
    {
        ["clinic_migrations"] = "the installation's migration history",
        ["clinic_data_protection_keys"] = "the installation's one Data Protection key ring, shared by every clinic (ADR 0008)",
        ["accounts_operators"] = "operators run the platform and belong to no clinic",
        ["accounts_operator_sessions"] = "operators' console sessions",
        ["accounts_operator_sign_in_attempts"] = "operators' sign-in attempts, by email hash",
        ["privacy_platform_policy_versions"] = "the operator's default policies, shown by every clinic without its own (ADR 0016)",
        [Quartz] = "Quartz's scheduler state (every qrtz_ table): the recurring jobs' names, triggers and cluster locks, the same for every clinic",
    };

    /// <summary>Clinic tables every clinic may read by design; only the clinic itself may write its rows.</summary>
    private static readonly Dictionary<string, string> ReadableByEveryClinic = new(StringComparer.Ordinal)
    {
        ["accounts_tenants"] = "the clinic directory: read before any clinic is known, and by jobs that visit every clinic",
        ["accounts_tenant_hosts"] = "the directory's host names, which tenant resolution looks up before any clinic is known",
    };

    /// <summary>The queues and outboxes that were readable across clinics before ADR 0020; the busy morning fills each.</summary>
    private static readonly string[] WorkAcrossClinics =
    [
        "booking_reminders", "booking_waitlist_deadlines", "messaging_due", "messaging_campaigns_sending",
        "accounts_outbox", "booking_outbox", "messaging_inbox",
    ];

    public Task InitializeAsync() => clinics.BusyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_table_is_isolated_by_clinic_with_forced_row_level_security_or_is_a_named_platform_table()
    {
        var tables = await TablesAsync();
        var named = PlatformTables.Keys.Concat(ReadableByEveryClinic.Keys);

        var notIsolated = tables.Where(t => !IsPlatform(t.Name) && !(t.Enabled && t.Forced && t.IsolatedByClinic)).Select(t => t.Name);
        var openToTheAppRole = tables.Where(t => !IsPlatform(t.Name) && !ReadableByEveryClinic.ContainsKey(t.Name) && t.OpenPolicies > 0).Select(t => t.Name);
        var platformWithClinicRows = tables.Where(t => IsPlatform(t.Name) && t.HasClinicColumn).Select(t => t.Name);
        var gone = named.Where(name => !tables.Any(t => t.Name == name || (name == Quartz && t.Name.StartsWith(Quartz, StringComparison.Ordinal))));

        Assert.Empty(notIsolated);
        Assert.Empty(openToTheAppRole);
        Assert.Empty(platformWithClinicRows);
        Assert.Empty(gone);
    }

    [Fact]
    public async Task The_only_views_past_row_level_security_show_ids_and_times_of_an_isolated_table()
    {
        var isolated = (await TablesAsync()).Where(t => t.IsolatedByClinic).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var views = await AsAppRoleAsync(null, db => db.QueryAsync<ViewRow>(
            """
            SELECT c.relname AS Name, string_agg(a.attname::text, ' ' ORDER BY a.attnum) AS Columns,
                coalesce('security_invoker=true' = ANY (c.reloptions), false) AS AsInvoker
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('v', 'm')
            GROUP BY c.relname, c.reloptions
            """));
        var pastSecurity = views.Where(v => !v.AsInvoker).ToList();

        Assert.NotEmpty(pastSecurity);
        Assert.All(pastSecurity, view =>
        {
            Assert.EndsWith("_all_clinics", view.Name, StringComparison.Ordinal);
            Assert.Contains(view.Name[..^"_all_clinics".Length], isolated);
            Assert.All(view.Columns.Split(' '), column => Assert.True(IsIdOrTime(column), $"{view.Name} shows {column}, which is neither an id nor a time"));
        });
    }

    [Fact]
    public async Task With_no_clinic_set_the_app_role_reads_no_row_of_any_clinic_table()
    {
        var tables = (await TablesAsync()).Where(t => !IsPlatform(t.Name) && !ReadableByEveryClinic.ContainsKey(t.Name)).ToList();

        var visible = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            visible[table.Name] = await CountAsync(null, table.Name);

        Assert.All(visible, table => Assert.True(table.Value == 0, $"{table.Key} shows {table.Value} rows with no clinic set"));
        Assert.Subset((await TablesHoldingRowsOfAsync(clinics.A)).ToHashSet(StringComparer.Ordinal), WorkAcrossClinics.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_one_clinic_set_the_app_role_reads_none_of_another_clinic_s_rows()
    {
        var tables = (await TablesAsync()).Where(t => t.HasClinicColumn && !ReadableByEveryClinic.ContainsKey(t.Name)).ToList();

        var leaks = new List<string>();
        foreach (var (reader, other) in new[] { (clinics.A, clinics.B), (clinics.B, clinics.A) })
        {
            foreach (var table in tables)
            {
                var seen = await AsAppRoleAsync(reader.Id, db => db.ExecuteScalarAsync<long>(
                    $"SELECT count(*) FROM {Quoted(table.Name)} WHERE tenant_id = @other", new { other = other.Id }));
                if (seen > 0)
                    leaks.Add($"{reader.Name} reads {seen} of {other.Name}'s rows in {table.Name}");
            }
        }

        Assert.Empty(leaks);
        Assert.Subset((await TablesHoldingRowsOfAsync(clinics.B)).ToHashSet(StringComparer.Ordinal), WorkAcrossClinics.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_clinic_can_neither_rename_another_clinic_nor_take_its_host_name()
    {
        var (a, b) = (clinics.A, clinics.B);

        var renamed = await AsAppRoleAsync(a.Id, db => db.ExecuteAsync("UPDATE accounts_tenants SET name = 'Taken over' WHERE id = @b", new { b = b.Id }), commit: true);
        var moved = await AsAppRoleAsync(a.Id, db => db.ExecuteAsync("UPDATE accounts_tenant_hosts SET tenant_id = @tenant_id WHERE host = @host", new { host = BusyClinics.HostB }), commit: true);
        var dropped = await AsAppRoleAsync(a.Id, db => db.ExecuteAsync("DELETE FROM accounts_tenant_hosts WHERE host = @host", new { host = BusyClinics.HostB }), commit: true);
        var added = await Assert.ThrowsAsync<PostgresException>(() => AsAppRoleAsync(a.Id, db => db.ExecuteAsync(
            "INSERT INTO accounts_tenant_hosts (host, tenant_id) VALUES ('www.b.clinic.test', @b)", new { b = b.Id }), commit: true));
        var atB = await clinics.App.Services.GetRequiredService<ITenantDirectory>().FindByHostAsync(BusyClinics.HostB, default);

        Assert.Equal(0, renamed);
        Assert.Equal(0, moved);
        Assert.Equal(0, dropped);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, added.SqlState);
        Assert.Equal((b.Id, "Clinic B"), (atB!.Id, atB.Name));
    }

    private static bool IsPlatform(string table) =>
        PlatformTables.ContainsKey(table) || table.StartsWith(Quartz, StringComparison.Ordinal);

    private static bool IsIdOrTime(string column) =>
        column is "id" or "attempts" or "offset_minutes" || column.EndsWith("_id", StringComparison.Ordinal) || column.EndsWith("_at", StringComparison.Ordinal);

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<IReadOnlyList<string>> TablesHoldingRowsOfAsync(ClinicTenant clinic)
    {
        var holding = new List<string>();
        foreach (var table in await TablesAsync())
        {
            if (!IsPlatform(table.Name) && await CountAsync(clinic.Id, table.Name) > 0)
                holding.Add(table.Name);
        }

        return holding;
    }

    private Task<long> CountAsync(Guid? clinic, string table) =>
        AsAppRoleAsync(clinic, db => db.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Quoted(table)}"));

    /// <summary>Every table of the schema, as the catalog describes its row-level security.</summary>
    private Task<IReadOnlyList<TableRow>> TablesAsync() =>
        AsAppRoleAsync(null, db => db.QueryAsync<TableRow>(
            """
            SELECT c.relname AS Name, c.relrowsecurity AS Enabled, c.relforcerowsecurity AS Forced,
                EXISTS (SELECT 1 FROM pg_policy p
                    WHERE p.polrelid = c.oid AND p.polcmd = '*' AND p.polpermissive AND p.polroles = '{0}'
                        AND pg_get_expr(p.polqual, p.polrelid) LIKE '%current_setting(''app.tenant_id''%') AS IsolatedByClinic,
                (SELECT count(*) FROM pg_policy p
                    WHERE p.polrelid = c.oid AND p.polpermissive AND p.polcmd IN ('*', 'r')
                        AND pg_get_expr(p.polqual, p.polrelid) NOT LIKE '%current_setting(''app.tenant_id''%'
                        AND (0 = ANY (p.polroles) OR (SELECT oid FROM pg_roles WHERE rolname = current_user) = ANY (p.polroles))) AS OpenPolicies,
                EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS HasClinicColumn
            FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """));

    /// <summary>Runs SQL as the application role, in a transaction bound to <paramref name="clinic"/> or to none.</summary>
    private async Task<T> AsAppRoleAsync<T>(Guid? clinic, Func<DbSession, Task<T>> work, bool commit = false)
    {
        await using var db = await clinics.App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(clinic, write: commit, default);
        var result = await work(db);
        if (commit)
            await db.CommitAsync();
        return result;
    }

    private sealed class TableRow
    {
        public string Name { get; init; } = "";

        public bool Enabled { get; init; }

        public bool Forced { get; init; }

        public bool IsolatedByClinic { get; init; }

        public long OpenPolicies { get; init; }

        public bool HasClinicColumn { get; init; }
    }

    private sealed class ViewRow
    {
        public string Name { get; init; } = "";

        public string Columns { get; init; } = "";

        public bool AsInvoker { get; init; }
    }
}

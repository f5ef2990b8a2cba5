using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>`dotnet Clinic.Host.dll migrate` brings the database up to date and exits; an edited migration stops the host.</summary>
public sealed partial class MigrateCommandTests
{
    private static readonly Dictionary<string, string> NoSettings = new(StringComparer.Ordinal);

    [Fact]
    public async Task Migrate_applies_every_migration_once_records_it_and_exits()
    {
        using var host = new HostProcess();

        var first = await host.RunAsync(NoSettings, "migrate");
        var second = await host.RunAsync(NoSettings, "migrate");
        var recorded = await RecordedAsync(host);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var applied = Applied(first);
        Assert.True(applied > 0, first.ToString());
        Assert.Equal(applied, recorded.Count);
        Assert.Contains("Clients/0001_init", recorded);
        Assert.Contains("Accounts/0001_init", recorded);
        Assert.Equal(0, Applied(second));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_stops_the_next_start_with_one_line_naming_the_file()
    {
        using var host = new HostProcess();
        var migrated = await host.RunAsync(NoSettings, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        await using (var db = Open(host))
            Assert.Equal(1, await db.ExecuteAsync("UPDATE clinic_migrations SET checksum = 'x' WHERE module = 'Clients' AND id = '0001_init'"));

        var start = await host.RunAsync(NoSettings, "--urls", "http://127.0.0.1:0");
        var migrate = await host.RunAsync(NoSettings, "migrate");

        Assert.True(start.ExitCode is not 0 and not int.MinValue, start.ToString());
        Assert.Contains("Clients/0001_init.sql", Assert.Single(start.ErrorLines), StringComparison.Ordinal);
        Assert.True(migrate.ExitCode is not 0 and not int.MinValue, migrate.ToString());
        Assert.Contains("Clients/0001_init.sql", Assert.Single(migrate.ErrorLines), StringComparison.Ordinal);
    }

    private static int Applied(HostExit exit)
    {
        var match = UpToDate().Match(exit.Output);
        Assert.True(match.Success, "The host did not say the database is up to date." + Environment.NewLine + exit);
        return int.Parse(match.Groups["applied"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> RecordedAsync(HostProcess host)
    {
        await using var db = Open(host);
        return [.. await db.QueryAsync<string>("SELECT module || '/' || id FROM clinic_migrations")];
    }

    private static SqliteConnection Open(HostProcess host) => new($"Data Source={host.DatabaseFile};Pooling=False");

    [GeneratedRegex(@"Database is up to date \((?<applied>\d+) migration\(s\) applied\)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UpToDate();
}

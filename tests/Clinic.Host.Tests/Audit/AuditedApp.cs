using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Audit;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Audit;

/// <summary>Clinic whose requests all come from one documentation address, as a reverse proxy-less server sees them.</summary>
public sealed class AuditedClinicApp(TestDatabase database) : ClinicApp(database)
{
    public static readonly IPAddress RemoteIp = IPAddress.Parse("203.0.113.7");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FixedRemoteIp>());
    }

    // The test server leaves the connection's address empty; a real one always has it.
    private sealed class FixedRemoteIp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                context.Connection.RemoteIpAddress = RemoteIp;
                return rest(context);
            });
            next(app);
        };
    }
}

public sealed class AuditedSqliteApp() : AppFixture(DatabaseProvider.Sqlite)
{
    protected override ClinicApp Create(TestDatabase database) => new AuditedClinicApp(database);
}

public sealed class AuditedPostgresApp() : AppFixture(DatabaseProvider.Postgres)
{
    protected override ClinicApp Create(TestDatabase database) => new AuditedClinicApp(database);
}

/// <summary>The single clinic's audit trail as stored, read through the app's own data access.</summary>
internal static class AuditEntries
{
    /// <summary>Every entry, in chain order, once the audit-chain job has chained what was recorded so far.</summary>
    public static async Task<IReadOnlyList<AuditRow>> AllAsync(this ClinicApp app)
    {
        await app.RunJobsAsync(AuditChainer.Name);
        return await Web.SingleClinic.InClinicAsync(app, db =>
            db.QueryAsync<AuditRow>($"SELECT {AuditRow.Columns} FROM accounts_audit_entries WHERE tenant_id = @tenant_id ORDER BY sequence"));
    }

    /// <summary>The entries recorded while <paramref name="work"/> ran.</summary>
    public static async Task<IReadOnlyList<AuditRow>> RecordedDuringAsync(this ClinicApp app, Func<Task> work)
    {
        var before = (await app.AllAsync()).Count;
        await work();
        return [.. (await app.AllAsync()).Skip(before)];
    }

    /// <summary>The database settings as environment variables, so a separate process opens the fixture's database.</summary>
    public static Dictionary<string, string> ProcessSettings(this ClinicApp app) =>
        app.Database.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!, StringComparer.Ordinal);

    public static Task<Guid> StaffIdAsync(this ClinicApp app, string email) =>
        Web.SingleClinic.InClinicAsync(app, db =>
            db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email", new { email }));
}

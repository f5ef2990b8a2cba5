using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Modules.Accounts.Audit;
using Clinic.Modules.Accounts.Staff;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Enquiries;

/// <summary>
/// Two clinics whose visitors each come from the address in their <see cref="ClientIpHeader"/>, so the rate limit
/// per address and the recorded address can be tested; clinic A has a receptionist and a clinician.
/// </summary>
public abstract class EnquiryClinics(DatabaseProvider provider) : TwoClinics(provider)
{
    public const string ClientIpHeader = "X-Test-Client-Ip";
    public const string ReceptionA = "reception@a.clinic.test";
    public const string ClinicianA = "clinician@a.clinic.test";

    private Task? _prepared;

    public Task PrepareAsync() => _prepared ??= PrepareOnceAsync();

    /// <summary>Runs <paramref name="work"/> as the clinic's own requests would, inside one transaction.</summary>
    internal Task<T> InClinicAsync<T>(Guid clinic, Func<DbSession, Task<T>> work) =>
        App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });

    /// <summary>The clinic's chained entries, once the audit-chain job has chained what was recorded so far.</summary>
    internal async Task<IReadOnlyList<AuditRow>> AuditAsync(Guid clinic)
    {
        await App.RunJobsAsync(AuditChainer.Name);
        return await InClinicAsync(clinic, db => db.QueryAsync<AuditRow>($"SELECT {AuditRow.Columns} FROM accounts_audit_entries WHERE tenant_id = @tenant_id ORDER BY sequence"));
    }

    /// <summary>The entries clinic A recorded while <paramref name="work"/> ran.</summary>
    internal async Task<IReadOnlyList<AuditRow>> RecordedDuringAsync(Func<Task> work)
    {
        var before = (await AuditAsync(A.Id)).Count;
        await work();
        return [.. (await AuditAsync(A.Id)).Skip(before)];
    }

    protected override ClinicApp Create(TestDatabase database) =>
        new EnquiryApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Edition"] = "MultiTenant" });

    private async Task PrepareOnceAsync()
    {
        await SetUpAsync();
        await App.InScopeAsync(services => InClinicAsync(A.Id, async db =>
        {
            var accounts = services.GetRequiredService<StaffAccounts>();
            await accounts.CreateAsync(db, ReceptionA, "Amna Reception", Roles.Reception, ClinicApp.OwnerPassword);
            return await accounts.CreateAsync(db, ClinicianA, "Dr Sadia Clinician", Roles.Clinician, ClinicApp.OwnerPassword);
        }));
    }

    private sealed class EnquiryApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings) : ClinicApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteIpFromHeader>());
        }
    }

    // The test server leaves the connection's address empty; a real one always has it.
    private sealed class RemoteIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader].ToString(), out var ip))
                    context.Connection.RemoteIpAddress = ip;
                return rest(context);
            });
            next(app);
        };
    }
}

public sealed class EnquiryClinicsOnSqlite() : EnquiryClinics(DatabaseProvider.Sqlite);

public sealed class EnquiryClinicsOnPostgres() : EnquiryClinics(DatabaseProvider.Postgres);

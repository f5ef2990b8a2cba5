using System.Globalization;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Tenancy;
using Clinic.Modules.Accounts.Staff;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Cookies;

/// <summary>Two clinics, whose clock a test moves so a page view's day in the clinic's zone can be chosen; A has a receptionist.</summary>
public abstract class AnalyticsClinics(DatabaseProvider provider) : TwoClinics(provider)
{
    public const string ReceptionA = "reception@a.clinic.test";

    private Task? _prepared;

    public Task PrepareAsync() => _prepared ??= PrepareOnceAsync();

    /// <summary>Clinic <paramref name="clinic"/>'s counts for one referring site: (day, path, views), by day and path.</summary>
    internal Task<IReadOnlyList<ViewRow>> ViewsFromAsync(Guid clinic, string referrer) =>
        InClinicAsync(clinic, db => db.QueryAsync<ViewRow>(
            "SELECT day AS Day, path AS Path, views AS Views FROM cookies_page_views WHERE tenant_id = @tenant_id AND referrer = @referrer ORDER BY day, path",
            new { referrer }));

    /// <summary>Stores a count directly, as if counted on <paramref name="day"/>.</summary>
    internal Task<int> AddViewsAsync(Guid clinic, string day, string referrer) =>
        InClinicAsync(clinic, db => db.ExecuteAsync(
            "INSERT INTO cookies_page_views (tenant_id, day, path, referrer, views) VALUES (@tenant_id, @day, '/', @referrer, 3)",
            new { day, referrer }));

    internal Task<long> ViewsOfAsync(Guid clinic, string day, string path) =>
        InClinicAsync(clinic, db => db.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(views), 0) FROM cookies_page_views WHERE tenant_id = @tenant_id AND day = @day AND path = @path",
            new { day, path }));

    /// <summary>Today, or the day of <paramref name="instant"/>, in clinic A's zone, as the counts store it.</summary>
    public string DayOf(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, A.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Edition"] = "MultiTenant" });

    private Task<T> InClinicAsync<T>(Guid clinic, Func<DbSession, Task<T>> work) =>
        App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });

    private async Task PrepareOnceAsync()
    {
        await SetUpAsync();
        await App.InScopeAsync(services => InClinicAsync(A.Id, db =>
            services.GetRequiredService<StaffAccounts>().CreateAsync(db, ReceptionA, "Amna Reception", Roles.Reception, ClinicApp.OwnerPassword)));
    }

    internal sealed class ViewRow
    {
        public string Day { get; init; } = "";

        public string Path { get; init; } = "";

        public long Views { get; init; }
    }
}

public sealed class AnalyticsClinicsOnSqlite() : AnalyticsClinics(DatabaseProvider.Sqlite);

public sealed class AnalyticsClinicsOnPostgres() : AnalyticsClinics(DatabaseProvider.Postgres);

using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Staff;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Web;

/// <summary>Reaches the single clinic's data through the app's own services, as the clinic's requests do.</summary>
internal static class SingleClinic
{
    public static Task<T> InClinicAsync<T>(this ClinicApp app, Func<DbSession, Task<T>> work) =>
        app.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default)
                ?? throw new InvalidOperationException("The clinic has not been created.");
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });

    public static Task AddStaffAsync(this ClinicApp app, string email, string role, string password) =>
        app.InScopeAsync(services => app.InClinicAsync(db =>
            services.GetRequiredService<StaffAccounts>().CreateAsync(db, email, role + " " + email.Split('@')[0], role, password)));

    public static Task<long> StaffCountAsync(this ClinicApp app) =>
        app.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id"));
}

using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Features.OwnerSetup;
using Clinic.Modules.Accounts.Features.SignIn;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.Startup;
using Clinic.Modules.Accounts.Tenants;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts;

/// <summary>Staff and client identities, sign-in, sessions, and the directory of clinics (tenants).</summary>
public sealed class AccountsModule : IClinicModule
{
    public string Name => "Accounts";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(StaffSession.Configure);
        services.AddCookieDeclaration(StaffSession.CookieName, "Keeps a staff member signed in", CookieCategory.StrictlyNecessary, "30 minutes after the last visit");
        services.AddSingleton<ITenantDirectory, TenantDirectory>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<OwnerSetupLink>();
        services.AddScoped<IStaffDirectory, StaffDirectory>();
        services.AddScoped<PasswordSignIn.Handler>();
        services.AddScoped<OwnerSetup.Handler>();
        services.AddScoped<IStartupTask, PrepareClinic>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => Features.SignOut.SignOut.Map(endpoints);
}

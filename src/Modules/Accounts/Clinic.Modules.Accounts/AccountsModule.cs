using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Audit;
using Clinic.Modules.Accounts.ClientAccounts;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Operators;
using Clinic.Modules.Accounts.Features.AuditExport;
using Clinic.Modules.Accounts.Features.AuditViewer;
using Clinic.Modules.Accounts.Features.ChangePassword;
using Clinic.Modules.Accounts.Features.EditClinicProfile;
using Clinic.Modules.Accounts.Features.EmailSignIn;
using Clinic.Modules.Accounts.Features.MySessions;
using Clinic.Modules.Accounts.Features.OperatorSignIn;
using Clinic.Modules.Accounts.Features.OwnerSetup;
using Clinic.Modules.Accounts.Features.PlatformClinics;
using Clinic.Modules.Accounts.Features.PortalSignIn;
using Clinic.Modules.Accounts.Features.SignIn;
using Clinic.Modules.Accounts.Features.SignInMethods;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Accounts.SignInLinks;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.Startup;
using Clinic.Modules.Accounts.Tenants;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts;

/// <summary>Staff and client identities, sign-in, sessions, the directory of clinics (tenants) and their public profiles, and the audit trail.</summary>
public sealed class AccountsModule : IClinicModule
{
    public string Name => "Accounts";

    public IReadOnlyList<string> DependsOn => [];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCommandsFrom(typeof(AccountsModule).Assembly);
        var sessions = SessionSettings.From(configuration);
        services.AddSingleton(sessions);
        services.AddScoped<StaffSessions>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options => StaffSession.Configure(options, sessions));
        services.AddCookieDeclaration(StaffSession.CookieName, "Keeps a staff member signed in", CookieCategory.StrictlyNecessary, "When the browser closes, or after the idle timeout");
        services.AddPermission(MySessions.Permission, "See and end their own sessions, change their own password", Roles.Owner, Roles.Reception, Roles.Clinician);
        services.AddScoped<MySessions.Form>();
                services.AddScoped<RecentConfirmation>();
        services.AddSingleton<ITenantDirectory, TenantDirectory>();
        services.AddScoped<IClinicTimeZone, ClinicTimeZone>();
        services.AddScoped<ClinicTime>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<OwnerSetupLink>();
        services.AddScoped<IStaffDirectory, StaffDirectory>();
        services.AddScoped<OwnerSetup.Form>();
        services.AddScoped<IStartupTask, PrepareClinic>();

        // The audit trail lives here because this is the module that cannot be switched off.
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddSingleton<IAuditChain, AuditChain>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddScoped<ClinicAuditChain>();
        services.AddRecurringJob<AuditChainer>(AuditChainer.Name, TimeSpan.FromSeconds(2));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DeniedAccessAudit>();
        services.AddPermission(AuditViewer.Permission, "See and export the audit trail", Roles.Owner);
        services.AddMenuItem("Audit trail", "/audit", AuditViewer.Permission, order: 90);
        services.AddScoped<AuditViewer.Handler>();
        services.AddScoped<AuditExport.Handler>();
        services.AddSignInProtection(configuration);

        // Staff management
        services.AddPermission(Features.StaffList.StaffList.Permission, "Invite staff, change their roles, deactivate them", Roles.Owner);
        services.AddMenuItem("Staff", "/staff", Features.StaffList.StaffList.Permission, order: 80);
        services.AddScoped<Features.StaffList.StaffList.Handler>();
        services.AddScoped<Features.AcceptInvitation.AcceptInvitation.Form>();

        // Two-factor sign-in
        services.AddSingleton<TwoFactor.TwoFactorKeys>();
        services.AddScoped<Features.TwoFactor.TwoFactorSetup.Form>();
        services.AddPermission(Features.TwoFactor.TwoFactorSetup.Permission, "Require two-factor sign-in for all staff", Roles.Owner);
        services.AddPermission(Features.TwoFactor.TwoFactorSetup.OwnPermission, "Set up their own two-factor sign-in", [.. Roles.Staff, StaffSession.EnrolmentRole]);
        services.AddCookieDeclaration(PendingSignIn.CookieName, "Remembers who is signing in between their password and their code", CookieCategory.StrictlyNecessary, "After 5 minutes, or when sign-in completes");

        // Sign-in links by email, new-device alerts, and the client portal's sign-in
        services.AddSingleton<SignInLinkStore>();
        services.AddScoped<KnownDevices>();
        services.AddCookieDeclaration(KnownDevices.CookieName, "Recognises this browser, so a sign-in from a new device sends a security alert", CookieCategory.StrictlyNecessary, "400 days");
        services.AddScoped<EmailSignIn.Form>();
        services.AddScoped<SignInMethods.Form>();
        services.AddScoped<ClientSessions>();
        services.AddScoped<PortalSignIn.Form>();
        services.AddAuthentication().AddCookie(ClientPortal.Scheme, options => ClientSession.Configure(options, sessions));
        services.AddCookieDeclaration(ClientSession.CookieName, "Keeps a client signed in to the client portal", CookieCategory.StrictlyNecessary, "When the browser closes, or after the idle timeout");

        // Two-factor recovery: new recovery codes for oneself, and the owner's reset for a member who lost their phone
        services.AddScoped<Features.TwoFactor.RegenerateRecoveryCodes.Form>();

        // The SaaS operator console, served only at Clinic:Platform:Host: operators sign in with their own cookie and
        // manage the directory of clinics, never a clinic's records.
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<OperatorSessions>();
        services.AddScoped<IStartupTask, PrepareOperator>();
        services.AddScoped<OperatorSignIn.Handler>();
        services.AddScoped<PlatformClinics.Handler>();
        services.AddAuthentication().AddCookie(PlatformConsole.Scheme, options => OperatorSession.Configure(options, sessions));
        services.AddCookieDeclaration(OperatorSession.CookieName, "Keeps an operator signed in to the platform console", CookieCategory.StrictlyNecessary, "When the browser closes, or after the idle timeout");
        services.AddPermission(PlatformClinics.Permission, "See the platform's clinics and create new ones", Roles.Operator);

        // The clinic profile: what the public website's home, about page and footer say, edited by the owner.
        services.AddScoped<IClinicProfile, CurrentClinicProfile>();
        services.AddPermission(EditClinicProfile.Permission, "Edit the clinic's profile on its public website", Roles.Owner);
        services.AddMenuItem("Clinic profile", EditClinicProfile.PagePath, EditClinicProfile.Permission, order: 78);
        services.AddPublicFooter(typeof(Features.ClinicSite.SiteFooter));
        services.AddPublicBrand(typeof(Features.ClinicSite.SiteBrand));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Features.SignOut.SignOut.Map(endpoints);
        AuditExport.Map(endpoints);
        PortalSignOut.Map(endpoints);
        OperatorSignOut.Map(endpoints);
    }
}

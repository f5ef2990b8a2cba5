using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Cookies.Consent;
using Clinic.Modules.Cookies.Contracts;
using Clinic.Modules.Cookies.Features.ConsentLog;
using Clinic.Modules.Cookies.Features.CountPageView;
using Clinic.Modules.Cookies.Features.GiveConsent;
using Clinic.Modules.Cookies.Features.WebsiteAnalytics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Cookies;

/// <summary>The cookie registry, the consent banner and log, the cookie policy page, and cookieless website analytics.</summary>
public sealed class CookiesModule : IClinicModule
{
    public string Name => "Cookies";

    public IReadOnlyList<string> DependsOn => ["Accounts", "Privacy"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCookieDeclaration(ConsentCookie.CookieName, "Remembers which cookies you allowed, so this site asks once and keeps to your choice", CookieCategory.StrictlyNecessary, "180 days, or until the cookie policy changes");
        // The clinic's website can embed WhatsApp's chat window instead of a plain link; Meta's script then sets its own cookies.
        services.AddCookieDeclaration("WhatsApp chat widget", "Shows WhatsApp's chat window on the page; Meta's script sets its cookies on Meta's own sites", CookieCategory.ThirdParty, "Set by Meta", "Meta");
        services.AddHttpContextAccessor();
        services.AddSingleton<ConsentCookie>();
        services.AddScoped<ICookiePolicyRevision, PolicyRevision>();
        services.AddScoped<VisitorConsent>();
        services.AddScoped<ICookieConsent>(s => s.GetRequiredService<VisitorConsent>());
        services.AddCookieBanner(typeof(ConsentBanner));
        services.AddPermission(ConsentLog.Permission, "See and export the cookie consent log", Roles.Owner);
        services.AddMenuItem("Cookie consents", ConsentLog.PagePath, ConsentLog.Permission, order: 95);
        services.AddScoped<ConsentLog.Handler>();
        services.AddCommandsFrom(typeof(CookiesModule).Assembly);
        services.AddRateLimiter(o => o.AddPolicy<string, AnalyticsPerIp>(AnalyticsPerIp.Policy));
        services.AddScoped<CountPageView.Handler>();
        services.AddRecurringJob<PurgeOldPageViews>(PurgeOldPageViews.Name, TimeSpan.FromDays(1));
        services.AddPermission(WebsiteAnalytics.Permission, "See the website's page views", Roles.Owner);
        services.AddMenuItem("Website visits", WebsiteAnalytics.PagePath, WebsiteAnalytics.Permission, order: 96);
        services.AddScoped<WebsiteAnalytics.Handler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        GiveConsent.Map(endpoints);
        ConsentLog.Map(endpoints);
        CountPageView.Map(endpoints);
    }
}

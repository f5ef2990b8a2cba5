using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.Host.Components;
using Clinic.Host.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clinic.Host.Web;

internal static class ClinicWeb
{
    public const string HomePermission = "home.view";
    private static readonly PlatformEndpointAttribute Platform = new();

    public static void AddClinicWeb(this WebApplicationBuilder builder)
    {
        builder.ServeWebFilesOfAnUnpublishedBuild();
        var services = builder.Services;
        services.AddRazorComponents();
        services.RefuseUnreadableFields();
        services.AddCascadingAuthenticationState();
        services.AddPermissionAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = "clinic.antiforgery");
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        services.AddSingleton<IProblemDetailsWriter, HtmlProblemWriter>();
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: ["ready"]);
        services.AddCookieDeclaration("clinic.antiforgery", "Protects forms against cross-site request forgery", CookieCategory.StrictlyNecessary, "Until the browser closes");
        services.TryAddScoped<ICookieConsent, StrictlyNecessaryOnly>();
        services.AddMemoryCache();
        services.AddScoped<Navigation>();
        services.AddSingleton(WebsiteSettings.From(builder.Configuration));
        services.AddPermission(HomePermission, "See the staff start page", Roles.Staff.ToArray());
        services.Configure<FormOptions>(o => o.ValueLengthLimit = 64 * 1024);
        services.AddTrustedProxies(builder.Configuration);
        // Every cookie the app sets is Secure when the visitor's request was https, directly or through a trusted proxy.
        services.AddCookiePolicy(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
    }

    public static void UseClinicPipeline(this WebApplication app)
    {
        app.RequireWebFiles();
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<TenantResolution>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseReadableQueries();
        app.UseReadableForms();
        app.UseAntiforgery();
        app.UseForgedPostRefusal();
    }

    public static void MapClinicEndpoints(this WebApplication app)
    {
        var modules = app.Services.GetRequiredService<ModuleSet>();
        app.MapStaticAssets().Anonymous().WithMetadata(Platform);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).Anonymous().WithMetadata(Platform);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).Anonymous().WithMetadata(Platform);
        app.MapOpenApi().Anonymous().WithMetadata(Platform);
        foreach (var module in modules.All)
            module.Module.MapEndpoints(app);
        app.MapRazorComponents<App>()
            .AddAdditionalAssemblies([.. modules.Assemblies])
            .Add(endpoint =>
            {
                // The framework's redirect helper carries no data; declare it public like every other route.
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/_framework/opaque-redirect" })
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
            });
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Host.Hosting;

internal static class ModuleRegistration
{
    /// <summary>Enables the catalog's modules (less those switched off) and the external ones, then lets each add its services.</summary>
    public static void AddClinicModules(this WebApplicationBuilder builder, IReadOnlyList<IClinicModule> builtIn, ClinicSettings settings)
    {
        var configuration = builder.Configuration;
        var enabled = Enabled(builtIn, configuration);
        var modules = new ModuleSet(enabled);
        var services = builder.Services;
        services.AddSingleton(modules);
        // First of the hosted services: the database is migrated before any other (Data Protection's included) reads it.
        services.AddHostedService<FirstRun>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ClinicDatabase>();
        services.AddClinicDataProtection();
        services.AddSingleton<Migrator>();
        services.AddSingleton<EventRoutes>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<IStartupTask, ReportUnheardEvents>();
        services.AddScoped<UndeliveredEvents>();
        services.AddPermission(UndeliveredEvents.Permission, "See events that could not be delivered and retry them", Roles.Owner);
        services.AddMenuItem("Undelivered events", UndeliveredEvents.Path, UndeliveredEvents.Permission, order: 92);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<TenantDb>();
        services.AddScoped<AuditContext>();
        services.AddScoped<UnitOfWork>();
        services.AddSingleton<PublicAddress>();
        services.AddRecurringJob<DispatchOutboxJob>("outbox-dispatch", TimeSpan.FromSeconds(5));

        foreach (var module in enabled)
            module.Module.AddServices(services, configuration);
        services.AddFallbacksForMissingContracts();

        services.AddClinicScheduler(settings.Database, settings.JobsEnabled);
    }

    /// <summary>
    /// The catalog's modules, then the external ones, less those switched off. Names must be unique, and every
    /// enabled module's dependencies must be enabled too.
    /// </summary>
    internal static IReadOnlyList<LoadedModule> Enabled(IReadOnlyList<IClinicModule> builtIn, IConfiguration configuration)
    {
        var candidates = builtIn.Select(m => new LoadedModule(m, IsExternal: false))
            .Concat(ExternalModules.Load(configuration[ExternalModules.PathKey]).Select(m => new LoadedModule(m, IsExternal: true)))
            .ToList();

        var duplicate = candidates.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ModuleLoadException(duplicate.Key, "two modules have this name; module names must be unique.");

        var enabled = candidates.Where(m => IsEnabled(configuration, m.Name)).ToList();
        RefuseMissingDependencies(enabled, candidates);
        return enabled;
    }

    private static void RefuseMissingDependencies(List<LoadedModule> enabled, List<LoadedModule> installed)
    {
        var on = enabled.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var module in enabled)
        {
            var missing = module.Module.DependsOn.FirstOrDefault(dependency => !on.Contains(dependency));
            if (missing is null)
                continue;
            var why = installed.Any(m => string.Equals(m.Name, missing, StringComparison.OrdinalIgnoreCase))
                ? $"which is switched off (Clinic:Modules:{missing}:Enabled); switch {missing} on, or {module.Name} off as well."
                : $"which is not installed; add {missing}, or switch {module.Name} off (Clinic:Modules:{module.Name}:Enabled).";
            throw new ModuleLoadException(module.Name, $"depends on {missing}, {why}");
        }
    }

    private static bool IsEnabled(IConfiguration configuration, string module)
    {
        var key = $"Clinic:Modules:{module}:Enabled";
        var enabled = Settings.ParseBool(configuration, key, defaultValue: true);
        if (!enabled && ModuleCatalog.Required.Contains(module))
            throw new ClinicConfigurationException(key, $"true, because every other module depends on {module}");
        return enabled;
    }
}

using System.Collections.Concurrent;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Testing;

/// <summary>
/// One database per engine and test process with every built-in module's migrations applied, which fixtures copy
/// instead of each migrating their own (about seventy migrations each). It holds migrations only: start-up tasks such
/// as creating the bootstrap owner run in every app, against that app's settings.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TestDatabase>>> Templates = new();

    public static Task<TestDatabase> ForAsync(DatabaseProvider provider) =>
        Templates.GetOrAdd(provider, p => new Lazy<Task<TestDatabase>>(() => MigrateAsync(p))).Value;

    private static async Task<TestDatabase> MigrateAsync(DatabaseProvider provider)
    {
        var template = await TestDatabase.CreateAsync(provider);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        // The same migrator, settings and module set an app migrates with at start-up; the app itself never starts serving.
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Database:MigrateOnStartup"] = "false" };
        await using (var app = new ClinicApp(template, settings))
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await template.SealAsTemplateAsync();
        return template;
    }
}

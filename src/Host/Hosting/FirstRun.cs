using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Hosting;

namespace Clinic.Host.Hosting;

/// <summary>Brings the database up to date and runs the modules' start-up tasks before the server accepts requests.</summary>
internal sealed class FirstRun(ClinicSettings settings, Migrator migrator, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Database.MigrateOnStartup)
            return;

        await migrator.MigrateAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var context = new StartupContext(settings.Demo);
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            await task.RunAsync(context, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

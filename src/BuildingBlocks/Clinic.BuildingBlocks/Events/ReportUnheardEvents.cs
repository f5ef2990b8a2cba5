using Clinic.BuildingBlocks.Hosting;
using Microsoft.Extensions.Logging;

namespace Clinic.BuildingBlocks.Events;

/// <summary>
/// Warns at start-up of each event that no enabled module subscribes to: its events are marked delivered unhandled,
/// which is right while no module needs them and a mistake when a subscriber was forgotten or switched off.
/// </summary>
internal sealed class ReportUnheardEvents(EventRoutes routes, ILogger<ReportUnheardEvents> logger) : IStartupTask
{
    public Task RunAsync(StartupContext context, CancellationToken ct)
    {
        foreach (var unheard in routes.Unheard)
            logger.LogWarning("{Module} publishes {EventName} and no enabled module subscribes to it; its events will be marked delivered without being handled", unheard.Module, unheard.EventName);
        return Task.CompletedTask;
    }
}

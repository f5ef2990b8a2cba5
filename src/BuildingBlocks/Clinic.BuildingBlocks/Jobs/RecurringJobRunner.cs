using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Clinic.BuildingBlocks.Jobs;

/// <summary>
/// The one Quartz job type: runs the <see cref="IClinicJob"/> registered under the firing job's name, in a scope of its own.
/// Jobs are found by name, not by a stored type name, so a job from an external module's load context resolves too.
/// </summary>
internal sealed class RecurringJobRunner(IEnumerable<RecurringJob> jobs, IServiceScopeFactory scopes, ILogger<RecurringJobRunner> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var key = context.JobDetail.Key;
        var job = jobs.FirstOrDefault(candidate => string.Equals(candidate.Name, key.Name, StringComparison.Ordinal));
        if (job is null)
        {
            // Stored by an earlier start whose module is now off or removed: drop it so it stops firing.
            logger.LogWarning("Recurring job {Job} is no longer registered by any module; removing it from the schedule", key.Name);
            await context.Scheduler.DeleteJob(key, cancellationToken);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var clinicJob = (IClinicJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            await clinicJob.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Logged and not rethrown: the scheduler carries on, and the next interval retries (jobs are idempotent).
            logger.LogError(e, "Recurring job {Job} failed", job.Name);
        }
    }
}

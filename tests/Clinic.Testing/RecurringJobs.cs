using Clinic.BuildingBlocks.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Testing;

/// <summary>Runs the app's recurring jobs by name, as the scheduler would, for tests whose app has the scheduler off.</summary>
public static class RecurringJobs
{
    /// <summary>Runs each named job once, in the order given, each in its own scope.</summary>
    public static async Task RunJobsAsync(this ClinicApp app, params string[] names)
    {
        foreach (var name in names)
        {
            await app.InScopeAsync(async services =>
            {
                var job = services.GetServices<RecurringJob>().Single(j => j.Name == name);
                await ((IClinicJob)services.GetRequiredService(job.JobType)).RunAsync(default);
                return 0;
            });
        }
    }
}

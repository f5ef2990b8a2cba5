using Clinic.BuildingBlocks.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Clinic.BuildingBlocks.Jobs;

/// <summary>
/// Runs the modules' <see cref="RecurringJob"/>s on Quartz, stored in Clinic's own database (the <c>qrtz_</c> tables of
/// migration 0002_quartz): one process on SQLite, a cluster of hosts on PostgreSQL.
/// </summary>
public static class Scheduler
{
    public const string JobGroup = "clinic";

    /// <summary>Call after every module has registered its jobs: they are read from the service collection.</summary>
    public static IServiceCollection AddClinicScheduler(this IServiceCollection services, DatabaseSettings settings, bool enabled)
    {
        // Tests run with jobs off and call the jobs by hand; nothing is registered that could start a scheduler.
        if (!enabled)
            return services;

        var jobs = RegisteredJobs(services);
        services.AddQuartz(quartz =>
        {
            // Every node of a cluster must share the scheduler name: it keys all the qrtz_ rows.
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = "Clinic");
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = "qrtz_";
                    options.StoreJobDataAsStrings = true;
                    // Quartz's 60 s default would replay a short-interval job (the 5 s outbox) in a burst after a restart.
                    options.MisfireThreshold = TimeSpan.FromSeconds(5);
                });
                store.UseSystemTextJsonSerializer();
                if (settings.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, settings.ConnectionString);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance, settings.ConnectionString);
                }
            });

            foreach (var job in jobs)
            {
                quartz.ScheduleJob<RecurringJobRunner>(
                    trigger => trigger
                        .WithIdentity(job.Name, JobGroup)
                        .StartNow()
                        .WithSimpleSchedule(schedule => schedule
                            .WithInterval(job.Interval)
                            .RepeatForever()
                            // A run missed in downtime or failover runs once now: no backlog replay, no wait for the next interval.
                            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
                    detail => detail
                        .WithIdentity(job.Name, JobGroup)
                        .StoreDurably()
                        .DisallowConcurrentExecution());
            }

            // A restart replaces the stored definitions but keeps their cadence, so it does not re-run every job at once.
            quartz.ConfigureOptions<QuartzOptions>(options => options.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    private static List<RecurringJob> RegisteredJobs(IServiceCollection services)
    {
        var jobs = services
            .Where(descriptor => descriptor.ServiceType == typeof(RecurringJob) && !descriptor.IsKeyedService)
            .Select(descriptor => descriptor.ImplementationInstance)
            .OfType<RecurringJob>()
            .ToList();

        // Two modules claiming one name would silently overwrite each other's schedule.
        var duplicate = jobs.GroupBy(job => job.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Recurring job name \"{duplicate.Key}\" is registered more than once; job names must be unique across modules.");

        return jobs;
    }
}

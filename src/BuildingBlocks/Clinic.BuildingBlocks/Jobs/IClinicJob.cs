namespace Clinic.BuildingBlocks.Jobs;

/// <summary>Background work a module schedules. Jobs must be idempotent: the scheduler may run one twice.</summary>
public interface IClinicJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>A job that runs every <see cref="Interval"/>; its name is unique across modules.</summary>
public sealed record RecurringJob(string Name, Type JobType, TimeSpan Interval);

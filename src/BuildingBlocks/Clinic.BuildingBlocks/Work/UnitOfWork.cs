using System.Data.Common;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Clinic.BuildingBlocks.Work;

/// <summary>
/// What every change of a clinic's data shares, written once: validate the command (validators from DI), open the
/// clinic's transaction, run the handler, write its audit entries and events into the same transaction, and commit
/// only a done outcome, or a refusal the handler marked recorded. A transaction that lost a lock race (a PostgreSQL
/// deadlock or serialization failure, SQLite busy or locked) is run again from the start, handler and all, so a
/// handler must do nothing but database work.
/// </summary>
public sealed partial class UnitOfWork(TenantDb tenantDb, IAuditTrail audit, IServiceProvider services, ILogger<UnitOfWork> log)
{
    /// <summary>Enough for a few writers queueing on the same rows; short, jittered waits so they do not collide again.</summary>
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbException>(LostALockRace),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(20),
            UseJitter = true,
        })
        .Build();

    /// <summary>Validates <paramref name="command"/>, then runs its handler from DI in one transaction.</summary>
    public async Task<Outcome<TResult>> RunAsync<TCommand, TResult>(TCommand command, CancellationToken ct)
    {
        var errors = await ValidateAsync(command, ct);
        if (errors.Any)
            return Outcome.Invalid(errors);

        var handler = services.GetRequiredService<ICommandHandler<TCommand, TResult>>();
        return await RunAsync(change => handler.HandleAsync(command, change), ct);
    }

    /// <summary>A change with no form behind it, such as a contract another module calls.</summary>
    public Task<Outcome<TResult>> RunAsync<TResult>(Func<Change, Task<Outcome<TResult>>> handle, CancellationToken ct) =>
        InTransactionAsync(write: true, handle, outcome => outcome.Commits, ct);

    /// <summary>
    /// A read that is audited, in a read transaction: the entries the read adds are recorded with it and take no lock
    /// (ADR 0028), so reads of one clinic run side by side.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<Change, Task<T>> read, CancellationToken ct) =>
        InTransactionAsync(write: false, read, _ => true, ct);

    public async Task<FormErrors> ValidateAsync<TCommand>(TCommand command, CancellationToken ct)
    {
        var failures = new List<ValidationFailure>();
        foreach (var validator in services.GetServices<IValidator<TCommand>>())
            failures.AddRange((await validator.ValidateAsync(command, ct)).Errors);
        return FormErrors.From(new ValidationResult(failures));
    }

    private async Task<T> InTransactionAsync<T>(bool write, Func<Change, Task<T>> work, Func<T, bool> commit, CancellationToken ct)
    {
        var attempt = 0;
        return await Retry.ExecuteAsync(
            async token =>
            {
                if (attempt++ > 0)
                    LogRunsAgain(log, attempt);
                await using var db = write ? await tenantDb.BeginAsync(token) : await tenantDb.ReadAsync(token);
                var change = new Change(db, token);
                var result = await work(change);
                if (!commit(result))
                    return result;

                await change.RecordAsync(audit);
                await db.CommitAsync();
                return result;
            },
            ct);
    }

    /// <summary>A deadlock or serialization failure on PostgreSQL; SQLITE_BUSY or SQLITE_LOCKED on SQLite.</summary>
    private static bool LostALockRace(DbException e) =>
        e.SqlState is "40P01" or "40001" || e is SqliteException { SqliteErrorCode: 5 or 6 };

    [LoggerMessage(LogLevel.Warning, "A transaction lost a lock race and runs again (attempt {Attempt})")]
    private static partial void LogRunsAgain(ILogger log, int attempt);
}

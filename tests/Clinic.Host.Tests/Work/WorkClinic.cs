using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using Clinic.Testing;
using FluentValidation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Work;

/// <summary>Clinic with two more commands, whose handlers add a client row the way a slice would and then end as told.</summary>
public sealed class WorkClinicApp(TestDatabase database) : ClinicApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services
            .AddScoped<ICommandHandler<AddClientThen, Guid>, AddClientThenHandler>()
            .AddScoped<IValidator<AddClientThen>, AddClientThenValidator>()
            .AddScoped<ICommandHandler<ContendForLocks, Guid>, ContendForLocksHandler>());
    }

    /// <summary>Runs a command through the unit of work, as the single clinic's request would.</summary>
    public Task<Outcome<TResult>> RunAsync<TCommand, TResult>(TCommand command) =>
        InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default)
                ?? throw new InvalidOperationException("The clinic has not been created.");
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            return await services.GetRequiredService<UnitOfWork>().RunAsync<TCommand, TResult>(command, default);
        });
}

public sealed class WorkSqliteApp() : AppFixture(DatabaseProvider.Sqlite)
{
    protected override ClinicApp Create(TestDatabase database) => new WorkClinicApp(database);
}

public sealed class WorkPostgresApp() : AppFixture(DatabaseProvider.Postgres)
{
    protected override ClinicApp Create(TestDatabase database) => new WorkClinicApp(database);
}

public enum Ending
{
    Done,
    Conflict,
    Throws,

    /// <summary>Refused, with what it wrote kept: a failed attempt that must still count.</summary>
    RecordedRefusal,
}

/// <summary>Adds client <paramref name="Id"/>, audits it and publishes an event about it, then ends as <paramref name="Ending"/> says.</summary>
public sealed record AddClientThen(Guid Id, string LastName, Ending Ending);

internal sealed class AddClientThenValidator : AbstractValidator<AddClientThen>
{
    public AddClientThenValidator() => RuleFor(c => c.LastName).NotEmpty().WithMessage("Enter a last name.");
}

internal sealed class AddClientThenHandler(TimeProvider time) : ICommandHandler<AddClientThen, Guid>
{
    public async Task<Outcome<Guid>> HandleAsync(AddClientThen command, Change change)
    {
        var id = await Rows.AddClientAsync(change.Db, command.Id, command.LastName, time);
        change.Audit(new AuditEntry("clients.added") { ClientId = id });
        change.Publish(new ClientsMerged(id, id));
        return command.Ending switch
        {
            Ending.Done => id,
            Ending.Conflict => Outcome.Conflict("Someone else changed this client first."),
            Ending.RecordedRefusal => Outcome.Invalid(nameof(AddClientThen.LastName), "Refused, and the attempt kept.").Recorded(),
            _ => throw new InvalidOperationException("The handler failed after its writes."),
        };
    }
}

/// <summary>Takes two locks in the given order; the first attempt waits at the meeting between them.</summary>
public sealed class ContendForLocks(string lastName, long first, long second, Meeting meeting)
{
    private int _attempts;

    public string LastName => lastName;

    public long First => first;

    public long Second => second;

    public Meeting Meeting => meeting;

    /// <summary>How many times the handler ran: once more for every retry.</summary>
    public int Attempts => _attempts;

    public int Attempt() => Interlocked.Increment(ref _attempts);
}

/// <summary>Where two transactions wait for each other, each holding its first lock.</summary>
public sealed class Meeting(int expected)
{
    private readonly TaskCompletionSource _everyone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == expected)
            _everyone.SetResult();
        return _everyone.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

internal sealed class ContendForLocksHandler(ClinicDatabase database, TimeProvider time) : ICommandHandler<ContendForLocks, Guid>
{
    public async Task<Outcome<Guid>> HandleAsync(ContendForLocks command, Change change)
    {
        var first = command.Attempt() == 1;
        if (change.Db.Provider == DatabaseProvider.Postgres)
        {
            // Two of these, with the keys the other way round, deadlock; PostgreSQL aborts one of them.
            await change.Db.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = command.First });
            if (first)
                await command.Meeting.ArriveAsync();
            await change.Db.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = command.Second });
        }
        else if (first)
        {
            // Another connection wants to write while this transaction holds SQLite's one write lock: SQLITE_BUSY.
            await using var other = await database.OpenAsync(change.Cancellation);
            await using var pragma = other.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 0";
            await pragma.ExecuteNonQueryAsync(change.Cancellation);
            await using var begin = other.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.CommandTimeout = 1;
            await begin.ExecuteNonQueryAsync(change.Cancellation);
        }

        var id = await Rows.AddClientAsync(change.Db, Guid.CreateVersion7(), command.LastName, time);
        change.Audit(new AuditEntry("clients.added") { ClientId = id });
        return id;
    }
}

internal static class Rows
{
    public static async Task<Guid> AddClientAsync(DbSession db, Guid id, string lastName, TimeProvider time)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at)
            VALUES (@id, @tenant_id, 'Test', @lastName, '+923001234567', @now)
            """,
            new { id, lastName, now = time.GetUtcNow() });
        return id;
    }
}

using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Clinic.BuildingBlocks.Data;

/// <summary>
/// One connection and transaction. Every statement gets <c>@tenant_id</c> bound when a tenant is set, so SQL can
/// always filter by it; on PostgreSQL row-level security enforces the same filter underneath.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationToken _ct;
    private readonly List<CommandDefinition> _insertsAtCommit = [];

    internal DbSession(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, Guid? tenantId, bool writes, TimeProvider time, CancellationToken ct)
    {
        Connection = connection;
        Provider = provider;
        Transaction = transaction;
        TenantId = tenantId;
        Writes = writes;
        _time = time;
        _ct = ct;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The engine, for the rare hot read that is written differently for each (see <see cref="ReadAsync"/>).</summary>
    public DatabaseProvider Provider { get; }

    public Guid? TenantId { get; }

    /// <summary>True for a write transaction (<c>TenantDb.BeginAsync</c>), false for a read (<c>TenantDb.ReadAsync</c>).</summary>
    public bool Writes { get; }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await Connection.QueryAsync<T>(Command(sql, parameters))).AsList();

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters));

    /// <summary>
    /// A plain reader, for the rare hot read where mapping each row through Dapper costs more than the query; read
    /// ids and instants with <see cref="StoredValues"/>.
    /// </summary>
    public Task<DbDataReader> ReadAsync(string sql, object? parameters = null) =>
        Connection.ExecuteReaderAsync(Command(sql, parameters));

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Connection.ExecuteAsync(Command(sql, parameters));

    /// <summary>
    /// Writes the event to its publisher's outbox in this transaction; it is dispatched after commit. Every event
    /// belongs to a clinic: its handlers run in that clinic's transaction, and the outbox is isolated by clinic.
    /// </summary>
    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        if (TenantId is null)
            throw new InvalidOperationException($"{typeof(TEvent).Name} was published outside a clinic's transaction; open it with TenantDb.");
        var module = IntegrationEventsOfAttribute.ModuleOf(typeof(TEvent));
        var sql = $"""
            INSERT INTO {Outbox.TableOf(module)} (id, tenant_id, type, payload, occurred_at, attempts)
            VALUES (@id, @tenant_id, @type, @payload, @occurred_at, 0)
            """;
        return ExecuteAsync(sql, new
        {
            id = integrationEvent.EventId,
            type = EventNames.Of<TEvent>(),
            payload = JsonSerializer.Serialize(integrationEvent, Outbox.Json),
            occurred_at = _time.GetUtcNow(),
        });
    }

    /// <summary>
    /// Makes other write transactions that lock any of <paramref name="keys"/> (in this clinic) wait until this one
    /// ends, for a rule no unique index can state. On PostgreSQL these are transaction-level advisory locks, taken in
    /// one fixed order so that two callers never wait on each other; on SQLite a write transaction already holds the
    /// database's only write lock, so there is nothing to add.
    /// </summary>
    public async Task LockAsync(params IEnumerable<string> keys)
    {
        if (Provider != DatabaseProvider.Postgres)
            return;
        foreach (var key in keys.Select(k => AdvisoryKey($"{TenantId}:{k}")).Distinct().Order())
            await ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key });
    }

    /// <summary>
    /// Inserts a row that must exist exactly when this transaction commits, such as the audit entry of a read. A
    /// SQLite read cannot become a write once another writer has committed since it began, so there the row is
    /// inserted at commit, in a short write transaction of its own right after the read's; a failure to write it fails
    /// the commit, so the caller shows nothing it did not record. Everywhere else it is inserted now, in this transaction.
    /// </summary>
    public Task InsertAsync(string sql, object parameters)
    {
        if (Writes || Provider != DatabaseProvider.Sqlite)
            return ExecuteAsync(sql, parameters);
        _insertsAtCommit.Add(Command(sql, parameters, transaction: null));
        return Task.CompletedTask;
    }

    public async Task CommitAsync()
    {
        await Transaction.CommitAsync(_ct);
        if (_insertsAtCommit.Count == 0)
            return;

        await using var write = ((SqliteConnection)Connection).BeginTransaction(deferred: false);
        foreach (var insert in _insertsAtCommit)
            await Connection.ExecuteAsync(new CommandDefinition(insert.CommandText, insert.Parameters, write, cancellationToken: _ct));
        await write.CommitAsync(_ct);
        _insertsAtCommit.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    /// <summary>A 64-bit lock number for a key: the first eight bytes of its SHA-256 (a collision only makes two keys queue together).</summary>
    private static long AdvisoryKey(string key) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private CommandDefinition Command(string sql, object? parameters) => Command(sql, parameters, Transaction);

    private CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction)
    {
        var bound = new DynamicParameters(parameters);
        if (TenantId is { } tenant)
            bound.Add("tenant_id", tenant);
        return new CommandDefinition(sql, bound, transaction, cancellationToken: _ct);
    }
}

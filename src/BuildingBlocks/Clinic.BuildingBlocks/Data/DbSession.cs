using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Dapper;

namespace Clinic.BuildingBlocks.Data;

/// <summary>
/// One connection and transaction. Every statement gets <c>@tenant_id</c> bound when a tenant is set, so SQL can
/// always filter by it; on PostgreSQL row-level security enforces the same filter underneath.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationToken _ct;

    internal DbSession(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, Guid? tenantId, TimeProvider time, CancellationToken ct)
    {
        Connection = connection;
        Provider = provider;
        Transaction = transaction;
        TenantId = tenantId;
        _time = time;
        _ct = ct;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The engine, for the rare hot read that is written differently for each (see <see cref="ReadAsync"/>).</summary>
    public DatabaseProvider Provider { get; }

    public Guid? TenantId { get; }

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

    public Task CommitAsync() => Transaction.CommitAsync(_ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    /// <summary>A 64-bit lock number for a key: the first eight bytes of its SHA-256 (a collision only makes two keys queue together).</summary>
    private static long AdvisoryKey(string key) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private CommandDefinition Command(string sql, object? parameters)
    {
        var bound = new DynamicParameters(parameters);
        if (TenantId is { } tenant)
            bound.Add("tenant_id", tenant);
        return new CommandDefinition(sql, bound, Transaction, cancellationToken: _ct);
    }
}

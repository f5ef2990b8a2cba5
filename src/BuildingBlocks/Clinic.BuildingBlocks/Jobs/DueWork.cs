using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Jobs;

/// <summary>
/// What a job finds due across clinics, handed over clinic by clinic, each in a scope bound to that clinic, so every
/// read and write after it is the clinic's own. The due rows come from a <c>&lt;table&gt;_all_clinics</c> view, which
/// shows ids and times only and is, on PostgreSQL, the one way past row-level security (ADR 0020).
/// </summary>
public sealed class DueWork(ClinicDatabase database, IServiceScopeFactory scopes)
{
    /// <param name="sql">Selects the due rows from an <c>_all_clinics</c> view; it must bound its own size (LIMIT) and return each row's clinic.</param>
    public async Task ForEachClinicAsync<TRow>(
        string sql,
        object parameters,
        Func<TRow, Guid> clinicOf,
        Func<IServiceProvider, IReadOnlyList<TRow>, CancellationToken, Task> work,
        CancellationToken ct)
    {
        IReadOnlyList<TRow> due;
        await using (var db = await database.BeginAsync(tenantId: null, write: false, ct))
            due = await db.QueryAsync<TRow>(sql, parameters);

        foreach (var clinic in due.GroupBy(clinicOf))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Key);
            await work(scope.ServiceProvider, [.. clinic], ct);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Modules;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Events;

/// <summary>
/// The sample module publishes SampleNoteAdded in the transaction that adds a note and counts each delivery,
/// so these tests observe exactly what a handler with side effects would.
/// </summary>
public abstract class OutboxDeliveryTests(WithSampleModule fixture)
{
    private OutboxDispatcher Dispatcher => fixture.App.Services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task An_event_written_in_a_transaction_is_delivered_exactly_once_even_when_dispatch_runs_twice()
    {
        var note = await AddNoteAsync("Consent form signed");

        await Dispatcher.DispatchAsync(default);
        await Dispatcher.DispatchAsync(default);

        Assert.Equal(1, await DeliveriesAsync(note));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_deliver_an_event_once()
    {
        var note = await AddNoteAsync("Filler follow-up");

        await Task.WhenAll(Dispatcher.DispatchAsync(default), Dispatcher.DispatchAsync(default), Dispatcher.DispatchAsync(default));

        Assert.Equal(1, await DeliveriesAsync(note));
    }

    [Fact]
    public async Task A_delivered_event_is_marked_dispatched_in_the_publisher_s_outbox()
    {
        var note = await AddNoteAsync("Peel booked");

        await Dispatcher.DispatchAsync(default);

        var pending = await QueryAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM sample_outbox WHERE dispatched_at IS NULL AND payload LIKE @note", new { note = $"%{note}%" }));
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task An_event_in_a_transaction_that_rolls_back_is_never_delivered()
    {
        var before = await QueryAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM sample_outbox"));
        await fixture.App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(await TenantAsync());
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            await db.PublishAsync(new NeverCommitted());
            return 0;
        });

        var after = await QueryAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM sample_outbox"));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_event_published_outside_any_clinic_s_transaction_is_refused()
    {
        // Its handlers would have no clinic to run in, and the isolated outbox no clinic to file it under.
        await using var platform = await fixture.App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(tenantId: null, write: true, default);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.PublishAsync(new NeverCommitted()));

        Assert.Contains("outside a clinic's transaction", refused.Message, StringComparison.Ordinal);
    }

    private async Task<Guid> AddNoteAsync(string text)
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        var response = await owner.Http.PostAsJsonAsync("/api/v1/sample/notes", new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private Task<long> DeliveriesAsync(Guid note) =>
        QueryAsync(db => db.ExecuteScalarAsync<long>("SELECT deliveries FROM sample_notes WHERE id = @note", new { note }));

    private async Task<Guid> TenantAsync() =>
        (await fixture.App.Services.GetRequiredService<Clinic.Modules.Accounts.Contracts.ITenantDirectory>().SingleClinicAsync(default))!.Id;

    private async Task<long> QueryAsync(Func<DbSession, Task<long>> query)
    {
        await using var db = await fixture.App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(await TenantAsync(), write: false, default);
        return await query(db);
    }

    private sealed record Created(Guid Id);

    /// <summary>Published into the sample module's outbox (see AssemblyInfo) by a transaction that never commits.</summary>
    [EventName("sample.never-committed.v1")]
    private sealed record NeverCommitted : IntegrationEvent;
}

public sealed class OutboxDeliveryTests_on_Sqlite(WithSampleModuleOnSqlite fixture) : OutboxDeliveryTests(fixture), IClassFixture<WithSampleModuleOnSqlite>;

public sealed class OutboxDeliveryTests_on_Postgres(WithSampleModuleOnPostgres fixture) : OutboxDeliveryTests(fixture), IClassFixture<WithSampleModuleOnPostgres>;

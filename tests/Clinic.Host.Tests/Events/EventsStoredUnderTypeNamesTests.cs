using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Events;

/// <summary>
/// Before ADR 0029 events were stored under their types' full names. An event still waiting under one when the
/// upgrade runs takes its stable name and is delivered as if it had been stored under it.
/// </summary>
public abstract class EventsStoredUnderTypeNamesTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task An_event_waiting_under_its_type_s_full_name_is_delivered_after_the_upgrade()
    {
        var merge = Guid.CreateVersion7();
        await using (var before = new ClinicApp(_database))
        {
            await before.InClinicAsync(db => db.ExecuteAsync(
                """
                INSERT INTO clients_outbox (id, tenant_id, type, payload, occurred_at, attempts)
                VALUES (@merge, @tenant_id, 'Clinic.Modules.Clients.Contracts.ClientsMerged', @payload, @now, 0)
                """,
                new { merge, payload = $$"""{"keptClientId":"{{Guid.CreateVersion7()}}","mergedClientId":"{{Guid.CreateVersion7()}}"}""", now = before.Clock.GetUtcNow() }));

            // The app stored it as an older version would have, before this database was upgraded.
            await using var platform = await before.Services.GetRequiredService<ClinicDatabase>().BeginAsync(tenantId: null, write: true, default);
            await platform.ExecuteAsync("DELETE FROM clinic_migrations WHERE module = 'Clients' AND id = '0008_event_names'");
            await platform.CommitAsync();
        }

        await using var after = new ClinicApp(_database);
        await after.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        var handledBy = await after.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT handler FROM booking_inbox WHERE tenant_id = @tenant_id AND event_id = @merge ORDER BY handler", new { merge }));
        var stored = await after.InClinicAsync(db => db.QuerySingleOrDefaultAsync<string>(
            "SELECT type FROM clients_outbox WHERE tenant_id = @tenant_id AND id = @merge AND dispatched_at IS NOT NULL", new { merge }));

        Assert.Equal(["MoveAppointmentsWhenClientsMerged", "MoveEnquiriesWhenClientsMerged"], handledBy.Select(h => h.Split('.')[^1]));
        Assert.Equal("clients.clients-merged.v1", stored);
    }
}

public sealed class EventsStoredUnderTypeNamesTests_on_Sqlite() : EventsStoredUnderTypeNamesTests(DatabaseProvider.Sqlite);

public sealed class EventsStoredUnderTypeNamesTests_on_Postgres() : EventsStoredUnderTypeNamesTests(DatabaseProvider.Postgres);

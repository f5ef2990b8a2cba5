using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Events;

/// <summary>
/// The inbox knows a handler by its full name. Messaging's handlers were renamed for what they do; an event one of
/// them handled under its old name, delivered again after the upgrade, is not handled a second time.
/// </summary>
public abstract class HandlersRenamedTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task An_event_handled_under_a_handler_s_old_name_is_not_handled_again_after_the_upgrade()
    {
        var request = Guid.CreateVersion7();
        await using (var before = new ClinicApp(_database))
        {
            await before.InClinicAsync(async db =>
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO booking_outbox (id, tenant_id, type, payload, occurred_at, attempts)
                    VALUES (@request, @tenant_id, 'booking.consultation-requested.v1', @payload, @now, 0)
                    """,
                    new
                    {
                        request,
                        payload = $$"""{"enquiryId":"{{Guid.CreateVersion7()}}","firstName":"Hina","mobile":"+923001234567","email":null,"treatment":null,"receivedAt":"2030-03-04T05:00:00+00:00"}""",
                        now = before.Clock.GetUtcNow(),
                    });
                return await db.ExecuteAsync(
                    """
                    INSERT INTO messaging_inbox (event_id, handler, processed_at, tenant_id)
                    VALUES (@request, 'Clinic.Modules.Messaging.Consumers.ConsultationMessages', @now, @tenant_id)
                    """,
                    new { request, now = before.Clock.GetUtcNow() });
            });

            // Stored as the version before the rename left it.
            await using var platform = await before.Services.GetRequiredService<ClinicDatabase>().BeginAsync(tenantId: null, write: true, default);
            await platform.ExecuteAsync("DELETE FROM clinic_migrations WHERE module = 'Messaging' AND id = '0011_renamed_handlers'");
            await platform.CommitAsync();
        }

        await using var after = new ClinicApp(_database);
        await after.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        var handledBy = await after.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT handler FROM messaging_inbox WHERE tenant_id = @tenant_id AND event_id = @request", new { request }));
        var acknowledgements = await after.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM messaging_messages WHERE tenant_id = @tenant_id AND to_mobile = '+923001234567'"));

        Assert.Equal(["Clinic.Modules.Messaging.Consumers.AcknowledgeConsultationRequest"], handledBy);
        Assert.Equal(0, acknowledgements);
    }
}

public sealed class HandlersRenamedTests_on_Sqlite() : HandlersRenamedTests(DatabaseProvider.Sqlite);

public sealed class HandlersRenamedTests_on_Postgres() : HandlersRenamedTests(DatabaseProvider.Postgres);

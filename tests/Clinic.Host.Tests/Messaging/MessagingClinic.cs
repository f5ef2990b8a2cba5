using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Messaging.Dispatch;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Messaging;

/// <summary>A clinic whose jobs the tests run: events to messages, messages to providers.</summary>
public abstract class MessagingClinic(DatabaseProvider provider) : BookingClinic(provider)
{
    /// <summary>Delivers published events to their handlers, then runs the message dispatcher once.</summary>
    public async Task DispatchAsync()
    {
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        await App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<DispatchMessages>().RunAsync(default);
            return 0;
        });
    }

    public Task PublishDueRemindersAsync() =>
        App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<PublishDueReminders>().RunAsync(default);
            return 0;
        });

    public Task<IReadOnlyList<SentMessage>> MessagesToAsync(Guid clientId) =>
        App.InClinicAsync(db => db.QueryAsync<SentMessage>(
            """
            SELECT id AS Id, kind AS Kind, channel AS Channel, recipient AS Recipient, language AS Language, subject AS Subject, body AS Body,
                status AS Status, status_detail AS StatusDetail
            FROM messaging_messages WHERE tenant_id = @tenant_id AND client_id = @clientId ORDER BY created_at, id
            """,
            new { clientId }));
}

public sealed class SentMessage
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public string? Channel { get; init; }

    public string? Recipient { get; init; }

    public string? Language { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public string Status { get; init; } = "";

    public string? StatusDetail { get; init; }
}

public sealed class MessagingClinicOnSqlite() : MessagingClinic(DatabaseProvider.Sqlite);

public sealed class MessagingClinicOnPostgres() : MessagingClinic(DatabaseProvider.Postgres);

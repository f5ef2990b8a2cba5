using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Reliability;

/// <summary>
/// A clinic whose SMS goes to a local fake Twilio. The in-process app arranges it through its pages and never sends
/// (its jobs are off); the real host, started as a child process on the same database, does the dispatching.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the fake.")]
public abstract class InterruptedSendClinic(DatabaseProvider provider) : MessagingClinic(provider), IAsyncLifetime
{
    public FakeTwilio Twilio { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:Messaging:Channels:TwilioBaseUrl"] = Twilio.BaseUrl.AbsoluteUri,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Twilio.StartAsync();
        await InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>
    /// The owner sets up Twilio for SMS, reception books a client who has only a mobile number, and Booking's event
    /// becomes a queued confirmation. Returns the client's mobile and the message.
    /// </summary>
    public async Task<(string Mobile, Guid Message)> QueuedConfirmationAsync()
    {
        using (var owner = App.Browser())
        {
            await owner.SignInAsync();
            var saved = await owner.SaveTwilioSmsAsync(Twilio);
            Assert.True(saved.IsRedirect(), $"saving the channel answered {(int)saved.StatusCode}");
        }

        var practitioner = await App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await App.AddServiceAsync([practitioner]);
        var client = Guid.CreateVersion7();
        var mobile = $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
        await App.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@client, @tenant_id, 'Sana', @last, @mobile, @now)",
            new { client, last = $"Malik-{client:N}", mobile, now = Clock.GetUtcNow() }));
        using (var reception = await ReceptionAsync())
            await reception.BookedAsync(client, service, practitioner, this.KarachiDay(2, 15));
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

        var message = Assert.Single(await MessagesToAsync(client));
        Assert.Equal(("appointment.confirmation", "Queued"), (message.Kind, message.Status));
        return (mobile, message.Id);
    }

    /// <summary>What the real host needs to run on this clinic's database and send through the fake.</summary>
    public Dictionary<string, string> HostEnvironment(TimeSpan attemptTimeout) => new(StringComparer.Ordinal)
    {
        ["Clinic__Database__Provider"] = App.Database.Provider.ToString(),
        ["ConnectionStrings__Clinic"] = App.Database.ConnectionString,
        ["ConnectionStrings__ClinicOwner"] = App.Database.OwnerConnectionString,
        ["Clinic__Jobs__Enabled"] = "true",
        ["Clinic__Messaging__Channels__TwilioBaseUrl"] = Twilio.BaseUrl.AbsoluteUri,
        ["Clinic__Messaging__Channels__AttemptTimeout"] = attemptTimeout.ToString("c"),
        // A short lease on both runs: the claim dates the message's next look by the claiming host's lease.
        ["Clinic__Messaging__SendingLease"] = "00:00:01",
    };

    public Task<MessageRow?> MessageAsync(Guid message) =>
        App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<MessageRow>(
            "SELECT status AS Status, provider_message_id AS ProviderMessageId, attempts AS Attempts FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id",
            new { message }));

    /// <summary>Polls the message until it has <paramref name="status"/>, failing with the host's output after a minute.</summary>
    public async Task<MessageRow> UntilAsync(Guid message, string status, ServingHost host)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var row = await MessageAsync(message);
            if (row?.Status == status)
                return row;
            if (DateTime.UtcNow > limit)
                throw new TimeoutException($"The message is {row?.Status}, not {status}, after a minute. Host output:\n{host.Output}");
            await Task.Delay(100);
        }
    }
}

public sealed class MessageRow
{
    public string Status { get; init; } = "";

    public string? ProviderMessageId { get; init; }

    public long Attempts { get; init; }
}

public sealed class InterruptedSendClinicOnSqlite() : InterruptedSendClinic(DatabaseProvider.Sqlite);

public sealed class InterruptedSendClinicOnPostgres() : InterruptedSendClinic(DatabaseProvider.Postgres);

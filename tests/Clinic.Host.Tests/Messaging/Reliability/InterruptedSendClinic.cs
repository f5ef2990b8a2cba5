using System.Diagnostics;
using AngleSharp.Html.Dom;
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
/// A clinic whose SMS goes to a local fake Twilio, and whose email goes to a local fake Resend or to a real SMTP server
/// (aiosmtpd). The in-process app arranges it through its pages and never sends (its jobs are off); the real host,
/// started as a child process on the same database, does the dispatching.
/// </summary>
/// <remarks>
/// The child process can run on nothing but the machine's clock, so this is the one fixture that reads it: the
/// in-process app starts at the machine's time (a message it queues must be due for the host) and the fake Twilio
/// dates messages by it, as the real Twilio would for that host. Nothing here depends on the time of day: the
/// confirmation is urgent, so quiet hours never hold it, and the appointment is two days ahead whatever the hour.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the fake.")]
public abstract class InterruptedSendClinic(DatabaseProvider provider) : MessagingClinic(provider), IAsyncLifetime
{
    public FakeTwilio Twilio { get; } = new(TimeProvider.System.GetUtcNow);

    public FakeResend Resend { get; } = new();

    public SmtpSink Smtp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:Messaging:Channels:TwilioBaseUrl"] = Twilio.BaseUrl.AbsoluteUri,
        ["Clinic:Messaging:Channels:ResendBaseUrl"] = Resend.BaseUrl.AbsoluteUri,
    };

    protected override ClinicApp Create(TestDatabase database) => new(database, Settings, clockStart: TimeProvider.System.GetUtcNow());

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Twilio.StartAsync();
        await Resend.StartAsync();
        Smtp = await SmtpSink.StartAsync();
        await InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
        await Resend.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>
    /// The owner sets up Twilio for SMS (or Resend for email), reception books a client who has only a mobile number (or
    /// only an email address), and Booking's event becomes a queued confirmation. Returns the address and the message.
    /// </summary>
    public async Task<(string To, Guid Message)> QueuedConfirmationAsync(bool byEmail = false)
    {
        using (var owner = App.Browser())
        {
            await owner.SignInAsync();
            var saved = byEmail
                ? await owner.SaveAsync("email", ("Email.Provider", "resend"), ("Email.ApiKey", Resend.ApiKey), ("Email.FromAddress", "hello@glow.example"))
                : await owner.SaveTwilioSmsAsync(Twilio);
            Assert.True(saved.IsRedirect(), $"saving the channel answered {(int)saved.StatusCode}");
        }

        var practitioner = await App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await App.AddServiceAsync([practitioner]);
        var client = Guid.CreateVersion7();
        var mobile = byEmail ? null : $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
        var email = byEmail ? $"sana-{client:N}@example.test" : null;
        await App.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@client, @tenant_id, 'Sana', @last, @mobile, @email, @now)",
            new { client, last = $"Malik-{client:N}", mobile, email, now = Clock.GetUtcNow() }));
        using (var reception = await ReceptionAsync())
            await reception.BookedAsync(client, service, practitioner, this.KarachiDay(2, 15));
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

        var message = Assert.Single(await MessagesToAsync(client));
        Assert.Equal(("appointment.confirmation", "Queued"), (message.Kind, message.Status));
        return ((mobile ?? email)!, message.Id);
    }

    /// <summary>
    /// The owner sets up email through the SMTP server, and reception books <paramref name="count"/> clients who have only
    /// an email address, each on a day of their own; Booking's events become queued confirmations. Returns each
    /// client's address and message.
    /// </summary>
    public async Task<IReadOnlyList<(string To, Guid Message)>> QueuedEmailConfirmationsAsync(int count)
    {
        using (var owner = App.Browser())
        {
            await owner.SignInAsync();
            var saved = await owner.SaveAsync(
                "email",
                ("Email.Provider", "smtp"),
                ("Email.Host", SmtpSink.Host),
                ("Email.Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Email.User", ""),
                ("Email.FromAddress", "hello@glow.example"));
            Assert.True(saved.IsRedirect(), $"saving the SMTP channel answered {(int)saved.StatusCode}");
        }

        var practitioner = await App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await App.AddServiceAsync([practitioner]);
        var clients = new List<(Guid Client, string Email)>();
        using (var reception = await ReceptionAsync())
        {
            foreach (var day in Enumerable.Range(2, count))
            {
                var client = Guid.CreateVersion7();
                var email = $"sana-{client:N}@example.test";
                await App.InClinicAsync(db => db.ExecuteAsync(
                    "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, email, created_at) VALUES (@client, @tenant_id, 'Sana', @last, @email, @now)",
                    new { client, last = $"Malik-{client:N}", email, now = Clock.GetUtcNow() }));
                await reception.BookedAsync(client, service, practitioner, this.KarachiDay(day, 15));
                clients.Add((client, email));
            }
        }

        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        var queued = new List<(string To, Guid Message)>();
        foreach (var (client, email) in clients)
        {
            var message = Assert.Single(await MessagesToAsync(client));
            Assert.Equal(("appointment.confirmation", "Queued"), (message.Kind, message.Status));
            queued.Add((email, message.Id));
        }

        return queued;
    }

    /// <summary>What the real host needs to run on this clinic's database and send through the fake.</summary>
    public Dictionary<string, string> HostEnvironment(TimeSpan attemptTimeout) => new(StringComparer.Ordinal)
    {
        ["Clinic__Database__Provider"] = App.Database.Provider.ToString(),
        ["ConnectionStrings__Clinic"] = App.Database.ConnectionString,
        ["ConnectionStrings__ClinicOwner"] = App.Database.OwnerConnectionString,
        ["Clinic__Jobs__Enabled"] = "true",
        ["Clinic__Messaging__Channels__TwilioBaseUrl"] = Twilio.BaseUrl.AbsoluteUri,
        ["Clinic__Messaging__Channels__ResendBaseUrl"] = Resend.BaseUrl.AbsoluteUri,
        ["Clinic__Messaging__Channels__AttemptTimeout"] = attemptTimeout.ToString("c"),
        // A short lease on both runs: the claim dates the message's next look by the claiming host's lease.
        ["Clinic__Messaging__SendingLease"] = "00:00:01",
    };

    public Task<MessageRow?> MessageAsync(Guid message) =>
        App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<MessageRow>(
            "SELECT status AS Status, provider_message_id AS ProviderMessageId, attempts AS Attempts FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id",
            new { message }));

    /// <summary>How many of <paramref name="messages"/> have one of <paramref name="statuses"/>.</summary>
    public Task<int> CountAsync(IEnumerable<Guid> messages, params string[] statuses)
    {
        var ids = messages.ToHashSet();
        return App.InClinicAsync(async db =>
            (await db.QueryAsync<StatusRow>("SELECT id AS Id, status AS Status FROM messaging_messages WHERE tenant_id = @tenant_id"))
                .Count(m => ids.Contains(m.Id) && statuses.Contains(m.Status)));
    }

    /// <summary>The owner's message log, and its list of interrupted messages.</summary>
    public async Task<(IHtmlDocument Log, IHtmlDocument Interrupted)> MessageLogAsync()
    {
        using var owner = App.Browser();
        await owner.SignInAsync();
        var (_, log) = await owner.GetPageAsync("/messages");
        var (_, interrupted) = await owner.GetPageAsync("/messages?status=interrupted");
        return (log, interrupted);
    }

    /// <summary>Polls the message until it has <paramref name="status"/>, failing with the host's output after a minute.</summary>
    public async Task<MessageRow> UntilAsync(Guid message, string status, ServingHost host)
    {
        MessageRow? row = null;
        await UntilAsync(async () => (row = await MessageAsync(message))?.Status == status, () => $"The message is {row?.Status}, not {status}", host);
        return row!;
    }

    /// <summary>Polls every 100 ms until <paramref name="done"/>, failing with the host's output after a minute.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, Func<string> otherwise, ServingHost host)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{otherwise()} after a minute. Host output:\n{host.Output}");
            await Task.Delay(100);
        }
    }
}

public sealed class StatusRow
{
    public Guid Id { get; init; }

    public string Status { get; init; } = "";
}

public sealed class MessageRow
{
    public string Status { get; init; } = "";

    public string? ProviderMessageId { get; init; }

    public long Attempts { get; init; }
}

public sealed class InterruptedSendClinicOnSqlite() : InterruptedSendClinic(DatabaseProvider.Sqlite);

public sealed class InterruptedSendClinicOnPostgres() : InterruptedSendClinic(DatabaseProvider.Postgres);

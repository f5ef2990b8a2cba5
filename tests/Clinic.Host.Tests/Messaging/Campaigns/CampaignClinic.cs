using System.Collections.Concurrent;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Features.Campaigns;
using Clinic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Messaging.Campaigns;

/// <summary>
/// A messaging clinic with an email, SMS and WhatsApp channel that accepts every message and keeps what it was
/// handed (the provider branch brings the real ones), and campaigns queued two a minute.
/// </summary>
public abstract class CampaignClinic(DatabaseProvider provider) : MessagingClinic(provider)
{
    internal AcceptingChannels Channels { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Messaging:CampaignPerMinute"] = "2" };

    protected override ClinicApp Create(TestDatabase database) => new ChannelledApp(database, Settings, Channels);

    /// <summary>Runs the campaign job once, as Quartz would.</summary>
    public Task QueueCampaignsAsync() =>
        App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<QueueCampaignMessages>().RunAsync(default);
            return 0;
        });

    private sealed class ChannelledApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings, AcceptingChannels channels)
        : ClinicApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddScoped<IChannelDirectory>(_ => channels));
        }
    }
}

/// <summary>Every channel configured; each send is accepted and kept by message id.</summary>
internal sealed class AcceptingChannels : IChannelDirectory
{
    public ConcurrentDictionary<Guid, OutgoingMessage> Sent { get; } = new();

    public Task<IMessageChannel?> FindAsync(ChannelKind kind, CancellationToken ct) => Task.FromResult<IMessageChannel?>(new Accepting(kind, this));

    private sealed class Accepting(ChannelKind kind, AcceptingChannels owner) : IMessageChannel
    {
        public ChannelKind Kind => kind;

        public string Provider => "test";

        public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            owner.Sent[message.MessageId] = message;
            return Task.FromResult<SendResult>(new SendResult.Accepted($"test-{message.MessageId:N}"));
        }

        public Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct) =>
            Task.FromResult<SentCheck>(owner.Sent.ContainsKey(message.MessageId) ? new SentCheck.Found($"test-{message.MessageId:N}") : new SentCheck.NotFound());
    }
}

public sealed class CampaignClinicOnSqlite() : CampaignClinic(DatabaseProvider.Sqlite);

public sealed class CampaignClinicOnPostgres() : CampaignClinic(DatabaseProvider.Postgres);

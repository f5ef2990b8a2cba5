using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>
/// Queues sent campaigns' messages, at most <see cref="PerMinute"/> per clinic in any minute, so a large campaign
/// does not flood the provider and its progress grows visibly. Counting what the last minute queued (not what this
/// run did) keeps the limit when runs overlap or repeat; the idempotency key keeps each client to one message.
/// </summary>
internal sealed class QueueCampaignMessages(ClinicDatabase database, IServiceScopeFactory scopes, QueueCampaignMessages.Limit limit, TimeProvider time) : IClinicJob
{
    public const string Name = "messaging-campaigns";

    internal sealed record Limit(int PerMinute)
    {
        public static Limit From(IConfiguration configuration) =>
            new(HostSettings.ParseCount(configuration, "Clinic:Messaging:CampaignPerMinute", 60, min: 1, max: 100_000));
    }

    public async Task RunAsync(CancellationToken ct)
    {
        IReadOnlyList<Guid> clinics;
        await using (var db = await database.BeginAsync(tenantId: null, write: false, ct))
            clinics = await db.QueryAsync<Guid>("SELECT DISTINCT tenant_id FROM messaging_campaigns_sending_all_clinics");

        foreach (var clinic in clinics)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic);
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync<bool>(change => QueueForClinicAsync(change.Db), ct);
        }
    }

    private async Task<Outcome<bool>> QueueForClinicAsync(DbSession db)
    {
        var now = time.GetUtcNow();
        var lastMinute = await db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM messaging_campaign_recipients WHERE tenant_id = @tenant_id AND queued_at > @since", new { since = now.AddMinutes(-1) });
        var room = limit.PerMinute - (int)lastMinute;
        if (room > 0)
        {
            var next = await db.QueryAsync<Next>(
                $"""
                SELECT r.campaign_id AS CampaignId, r.client_id AS ClientId, c.link_base AS LinkBase
                FROM messaging_campaign_recipients r
                JOIN messaging_campaigns c ON c.tenant_id = r.tenant_id AND c.id = r.campaign_id
                WHERE r.tenant_id = @tenant_id AND r.queued_at IS NULL AND c.status = 'sending'
                ORDER BY c.created_at, r.campaign_id, r.client_id
                LIMIT {room}
                """);
            foreach (var recipient in next)
                await QueueAsync(db, recipient, now);
        }

        await db.ExecuteAsync(
            """
            UPDATE messaging_campaigns SET status = 'sent'
            WHERE tenant_id = @tenant_id AND status = 'sending'
                AND NOT EXISTS (SELECT 1 FROM messaging_campaign_recipients r WHERE r.tenant_id = messaging_campaigns.tenant_id AND r.campaign_id = messaging_campaigns.id AND r.queued_at IS NULL)
            """);
        await db.ExecuteAsync(
            "DELETE FROM messaging_campaigns_sending WHERE tenant_id = @tenant_id AND campaign_id IN (SELECT id FROM messaging_campaigns WHERE tenant_id = @tenant_id AND status = 'sent')");
        return true;
    }

    private static async Task QueueAsync(DbSession db, Next recipient, DateTimeOffset now)
    {
        var key = $"{MessageKinds.Campaign.Key}:{recipient.CampaignId}:{recipient.ClientId}";
        await MessageQueue.QueueAsync(
            db,
            new MessageRequest(MessageKinds.Campaign.Key, key, Recipient.Client(recipient.ClientId), new Dictionary<string, string>
            {
                [Campaign.IdValue] = recipient.CampaignId.ToString(),
                [Campaign.LinkBaseValue] = recipient.LinkBase,
            }),
            now);
        var messageId = await db.ExecuteScalarAsync<Guid>("SELECT id FROM messaging_messages WHERE tenant_id = @tenant_id AND idempotency_key = @key", new { key });
        await db.ExecuteAsync(
            "UPDATE messaging_campaign_recipients SET message_id = @messageId, queued_at = @now WHERE tenant_id = @tenant_id AND campaign_id = @campaignId AND client_id = @clientId",
            new { messageId, now, campaignId = recipient.CampaignId, clientId = recipient.ClientId });
    }

    private sealed class Next
    {
        public Guid CampaignId { get; init; }

        public Guid ClientId { get; init; }

        public string LinkBase { get; init; } = "";
    }
}

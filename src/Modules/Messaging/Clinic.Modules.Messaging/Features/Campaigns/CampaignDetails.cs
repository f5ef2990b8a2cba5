using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>One campaign: its words, its segment, and either how many clients it would reach now or how its sending goes.</summary>
internal static class CampaignDetails
{
    public const string SentAction = "messages.campaign_sent";

    internal sealed record Page(Campaign Campaign, int? WouldReach, string Segment, TimeZoneInfo Zone);

    internal sealed class Handler(TenantDb tenantDb, ClinicTime clinicTime, CampaignSegment segment, IClientVisits visits)
    {
        /// <summary>The campaign, or null when this clinic has none with this id; a draft's reach is counted afresh.</summary>
        public async Task<Page?> LoadAsync(Guid id, CancellationToken ct)
        {
            Campaign? campaign;
            await using (var db = await tenantDb.ReadAsync(ct))
                campaign = (await Campaign.ReadAsync(db, id)).SingleOrDefault();
            if (campaign is null)
                return null;

            var reach = campaign.Status == "draft" ? (await segment.ResolveAsync(campaign, ct)).Count : (int?)null;
            return new Page(campaign, reach, await DescribeAsync(campaign, ct), await clinicTime.ZoneAsync(ct));
        }

        /// <summary>Whom the campaign would reach now; none for a campaign this clinic does not have.</summary>
        public async Task<IReadOnlyList<Guid>> RecipientsAsync(Guid id, CancellationToken ct)
        {
            Campaign? campaign;
            await using (var db = await tenantDb.ReadAsync(ct))
                campaign = (await Campaign.ReadAsync(db, id)).SingleOrDefault();
            return campaign is null ? [] : await segment.ResolveAsync(campaign, ct);
        }

        private async Task<string> DescribeAsync(Campaign campaign, CancellationToken ct)
        {
            var parts = new List<string> { $"clients who agree to {Campaigns.ChannelLabel(campaign.Channel)}" };
            if (campaign.SegmentTag is { } tag)
                parts.Add($"tagged \"{tag}\"");
            if (campaign.LastVisitOnOrAfter is { } from)
                parts.Add($"last visit on or after {from}");
            if (campaign.LastVisitBefore is { } before)
                parts.Add($"last visit before {before}");
            if (campaign.ServiceId is { } service)
                parts.Add($"who had {(await visits.ServicesAsync(ct)).FirstOrDefault(s => s.Id == service)?.Name ?? "a service since removed"}");
            return string.Join(", ", parts);
        }
    }

    /// <summary>The draft to send; its id comes from the route.</summary>
    internal sealed class Send
    {
        public Guid Id { get; set; }

        /// <summary>The segment as it stands now, resolved before the transaction: Clients' contract audits its read.</summary>
        public IReadOnlyList<Guid> Recipients { get; set; } = [];
    }

    /// <summary>
    /// Fixes the recipients as the segment stands now and hands them to the throttled job; a conflict when the campaign
    /// was sent meanwhile or no one in its segment agrees to its channel now.
    /// </summary>
    internal sealed class SendHandler(TimeProvider time) : ICommandHandler<Send, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(Send command, Change change)
        {
            var id = command.Id;
            if ((await Campaign.ReadAsync(change.Db, id)).SingleOrDefault() is not { } campaign)
                return Outcome.NotFound;
            if (campaign.Status != "draft")
                return Outcome.Conflict("This campaign has already been sent.");
            var recipients = command.Recipients;
            if (recipients.Count == 0)
                return Outcome.Conflict("No client in this segment agrees to this channel now, so nothing was sent.");

            if (await change.Db.ExecuteAsync("UPDATE messaging_campaigns SET status = 'sending', sent_at = @now WHERE tenant_id = @tenant_id AND id = @id AND status = 'draft'", new { id, now = time.GetUtcNow() }) == 0)
                return Outcome.Conflict("This campaign has already been sent.");
            foreach (var clientId in recipients)
            {
                await change.Db.ExecuteAsync(
                    "INSERT INTO messaging_campaign_recipients (tenant_id, campaign_id, client_id) VALUES (@tenant_id, @id, @clientId)", new { id, clientId });
            }

            await change.Db.ExecuteAsync("INSERT INTO messaging_campaigns_sending (campaign_id, tenant_id) VALUES (@id, @tenant_id)", new { id });
            change.Audit(new AuditEntry(SentAction) { RecordId = id });
            return true;
        }
    }
}

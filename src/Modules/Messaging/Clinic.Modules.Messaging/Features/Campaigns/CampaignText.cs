using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>
/// For the dispatcher: a campaign message is worded from its campaign's own text, read when it is sent, and goes only
/// on the campaign's channel (the one its words were written for).
/// </summary>
internal sealed class CampaignText(TenantDb tenantDb)
{
    internal sealed record Words(ContactChannel Channel, TemplateText Text)
    {
        /// <summary>The client's consents narrowed to the campaign's channel, so no other channel is chosen.</summary>
        public IReadOnlySet<ContactChannel> Only(IReadOnlySet<ContactChannel> consents) =>
            consents.Contains(Channel) ? new HashSet<ContactChannel> { Channel } : new HashSet<ContactChannel>();
    }

    /// <summary>The campaign's words when the message's values name one, otherwise null.</summary>
    public async Task<Words?> FindAsync(IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        if (!values.TryGetValue(Campaign.IdValue, out var raw) || !Guid.TryParse(raw, out var id))
            return null;

        await using var db = await tenantDb.ReadAsync(ct);
        var campaign = await db.QuerySingleOrDefaultAsync<Campaign>(
            "SELECT channel AS Channel, subject AS Subject, body AS Body FROM messaging_campaigns WHERE tenant_id = @tenant_id AND id = @id", new { id });
        return campaign is null ? null : new Words(campaign.ContactChannel, campaign.Text);
    }
}

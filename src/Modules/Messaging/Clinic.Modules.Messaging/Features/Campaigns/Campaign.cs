using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>A campaign as stored, with how far its sending has got.</summary>
internal sealed class Campaign
{
    public const string Permission = "messages.campaigns";

    /// <summary>Not a placeholder: tells the dispatcher which campaign's words and channel a message uses.</summary>
    public const string IdValue = "campaign.id";

    /// <summary>Not a placeholder: the public address the message's links start with.</summary>
    public const string LinkBaseValue = "link.base";

    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Channel { get; init; } = "";

    public string? Subject { get; init; }

    public string Body { get; init; } = "";

    public string? SegmentTag { get; init; }

    public string? LastVisitOnOrAfter { get; init; }

    public string? LastVisitBefore { get; init; }

    public Guid? ServiceId { get; init; }

    public string LinkBase { get; init; } = "";

    public string Status { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public long Recipients { get; init; }

    public long Waiting { get; init; }

    public long Queued { get; init; }

    public long Sent { get; init; }

    public long NotSent { get; init; }

    public long Skipped { get; init; }

    public long Failed { get; init; }

    public ChannelKind ChannelKind => Enum.Parse<ChannelKind>(Channel);

    public ContactChannel ContactChannel => Unsubscribe.UnsubscribeLinks.ToContact(ChannelKind);

    public TemplateText Text => new(Subject, Body);

    /// <summary>Every campaign of the clinic with its progress, or one; newest first.</summary>
    public static Task<IReadOnlyList<Campaign>> ReadAsync(DbSession db, Guid? id = null) =>
        db.QueryAsync<Campaign>(
            $"""
            SELECT c.id AS Id, c.name AS Name, c.channel AS Channel, c.subject AS Subject, c.body AS Body, c.segment_tag AS SegmentTag,
                c.last_visit_on_or_after AS LastVisitOnOrAfter, c.last_visit_before AS LastVisitBefore, c.service_id AS ServiceId,
                c.link_base AS LinkBase, c.status AS Status, c.created_at AS CreatedAt,
                count(r.client_id) AS Recipients,
                COALESCE(SUM(CASE WHEN r.client_id IS NOT NULL AND r.message_id IS NULL THEN 1 ELSE 0 END), 0) AS Waiting,
                COALESCE(SUM(CASE WHEN m.status IN ('Queued', 'Sending') THEN 1 ELSE 0 END), 0) AS Queued,
                COALESCE(SUM(CASE WHEN m.status IN ('Sent', 'Delivered', 'Read') THEN 1 ELSE 0 END), 0) AS Sent,
                COALESCE(SUM(CASE WHEN m.status = 'NotSent' THEN 1 ELSE 0 END), 0) AS NotSent,
                COALESCE(SUM(CASE WHEN m.status = 'Skipped' THEN 1 ELSE 0 END), 0) AS Skipped,
                COALESCE(SUM(CASE WHEN m.status = 'Failed' THEN 1 ELSE 0 END), 0) AS Failed
            FROM messaging_campaigns c
            LEFT JOIN messaging_campaign_recipients r ON r.tenant_id = c.tenant_id AND r.campaign_id = c.id
            LEFT JOIN messaging_messages m ON m.tenant_id = r.tenant_id AND m.id = r.message_id
            WHERE c.tenant_id = @tenant_id {(id is null ? "" : "AND c.id = @id")}
            GROUP BY c.id, c.name, c.channel, c.subject, c.body, c.segment_tag, c.last_visit_on_or_after, c.last_visit_before, c.service_id,
                c.link_base, c.status, c.created_at
            ORDER BY c.created_at DESC, c.id DESC
            """,
            new { id });
}

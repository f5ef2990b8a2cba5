using Clinic.BuildingBlocks.Time;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>
/// Who a campaign reaches now: clients who agree to its channel (Clients' contract), narrowed by tag there and by
/// completed visits in Booking's contract. Every part of the segment must hold.
/// </summary>
internal sealed class CampaignSegment(IClientSegments segments, IClientVisits visits)
{
    public async Task<IReadOnlyList<Guid>> ResolveAsync(Campaign campaign, CancellationToken ct)
    {
        var ids = (await segments.ConsentingAsync(campaign.ContactChannel, campaign.SegmentTag, ct)).ToHashSet();
        var from = ClinicDates.ParseValue(campaign.LastVisitOnOrAfter);
        var before = ClinicDates.ParseValue(campaign.LastVisitBefore);
        if (ids.Count > 0 && (from is not null || before is not null))
            ids.IntersectWith(await visits.LastVisitAsync(from, before, ct));
        if (ids.Count > 0 && campaign.ServiceId is { } service)
            ids.IntersectWith(await visits.ReceivedAsync(service, ct));
        return [.. ids.Order()];
    }
}

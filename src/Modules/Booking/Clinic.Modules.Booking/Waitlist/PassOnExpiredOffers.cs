using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Booking.Waitlist;

/// <summary>
/// Ends offers nobody took up in time and offers the same slot to the next client waiting, if it is still free. Each
/// offer is handled in its clinic's own transaction with the removal of its deadline, so a second run does nothing.
/// </summary>
internal sealed class PassOnExpiredOffers(DueWork due, TimeProvider time) : IClinicJob
{
    public const string Name = "booking-waitlist-offers";

    public Task RunAsync(CancellationToken ct) =>
        due.ForEachClinicAsync<DueRow>(
            "SELECT tenant_id AS TenantId, offer_id AS OfferId FROM booking_waitlist_deadlines_all_clinics WHERE expires_at <= @now ORDER BY expires_at LIMIT 500",
            new { now = time.GetUtcNow() },
            d => d.TenantId,
            async (services, offers, token) =>
            {
                var settings = await services.GetRequiredService<BookingSettings.Store>().LoadAsync(token);
                var work = services.GetRequiredService<UnitOfWork>();
                var waitlist = services.GetRequiredService<WaitlistOffers>();
                foreach (var offer in offers)
                    await work.RunAsync(change => PassOnAsync(change.Db, waitlist, settings, offer.OfferId), token);
            },
            ct);

    private async Task<Outcome<Guid>> PassOnAsync(DbSession db, WaitlistOffers offers, BookingSettings settings, Guid offerId)
    {
        // Another host got there first.
        if (await db.ExecuteAsync("DELETE FROM booking_waitlist_deadlines WHERE tenant_id = @tenant_id AND offer_id = @offerId", new { offerId }) == 0)
            return Outcome.NotFound;

        var offer = await db.QuerySingleOrDefaultAsync<OfferRow>(
            """
            SELECT entry_id AS EntryId, service_id AS ServiceId, provider_id AS ProviderId, starts_at AS StartsAt, link_base AS LinkBase
            FROM booking_waitlist_offers WHERE tenant_id = @tenant_id AND id = @offerId AND status = 'Open'
            """,
            new { offerId });
        if (offer is not null)
        {
            await db.ExecuteAsync("UPDATE booking_waitlist_offers SET status = 'Expired' WHERE tenant_id = @tenant_id AND id = @offerId", new { offerId });
            // The client keeps their place for later slots; this one goes to whoever is next.
            await db.ExecuteAsync(
                "UPDATE booking_waitlist_entries SET status = 'Waiting' WHERE tenant_id = @tenant_id AND id = @entryId AND status = 'Offered'", new { entryId = offer.EntryId });
            await offers.OfferAsync(db, new FreedSlot(offer.ServiceId, offer.ProviderId, offer.StartsAt), settings, offer.LinkBase, time.GetUtcNow());
        }

        return offerId;
    }

    private sealed class DueRow
    {
        public Guid TenantId { get; init; }

        public Guid OfferId { get; init; }
    }

    private sealed class OfferRow
    {
        public Guid EntryId { get; init; }

        public Guid ServiceId { get; init; }

        public Guid ProviderId { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public string LinkBase { get; init; } = "";
    }
}

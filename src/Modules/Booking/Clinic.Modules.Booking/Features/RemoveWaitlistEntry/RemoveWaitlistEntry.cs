using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Work = Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Features.RemoveWaitlistEntry;

/// <summary>
/// Reception takes a client off the waitlist. The entry stays as history (status Removed, with who and when); an offer
/// still open to them is withdrawn and its slot passes to the next client it suits, as when an offer expires.
/// </summary>
internal static class RemoveWaitlistEntry
{
    public const string AuditAction = "waitlist.removed";

    /// <summary>The confirmation form carries nothing but the intent.</summary>
    internal sealed class Request
    {
        public string? Confirm { get; set; }
    }

    internal enum Outcome
    {
        Removed,
        NotFound,
        Booked,
    }

    /// <summary>The entry as the confirmation shows it.</summary>
    internal sealed record View(Guid Id, string Client, string Service, IReadOnlyList<string> Suits, string Status);

    internal sealed class Handler(
        Work.UnitOfWork work,
        IClientDirectory clients,
        WaitlistOffers offers,
        BookingSettings.Store settingsStore,
        AuditContext auditContext,
        TimeProvider time)
    {
        /// <summary>The entry still on the waitlist, or null (unknown, another clinic's, or no longer waiting); the read is audited.</summary>
        public Task<View?> FindAsync(Guid id, CancellationToken ct) =>
            work.ReadAsync<View?>(
                async change =>
                {
                    var db = change.Db;
                    var entry = await FindAsync(db, id);
                    if (entry is null || entry.Status is not ("Waiting" or "Offered"))
                        return null;
                    var service = await ServiceCatalog.FindAsync(db, entry.ServiceId);
                    var suits = (await WaitlistWindow.OfEntryAsync(db, id)).Select(w => w.Describe()).ToList();
                    change.Audit(new AuditEntry(Features.WaitlistEntries.WaitlistEntries.ViewedAction) { ClientId = entry.ClientId, RecordId = id });
                    var client = (await clients.FindAsync(db, entry.ClientId))?.Name ?? "Unknown client";
                    return new View(id, client, service?.Name ?? "", suits, entry.Status);
                },
                ct);

        public async Task<Outcome> RemoveAsync(Guid id, CancellationToken ct)
        {
            var raced = Outcome.Removed;
            var outcome = await work.RunAsync(change => RemoveAsync(change, id, closed => raced = closed), ct);
            return outcome.Succeeded ? outcome.Value : raced;
        }

        /// <summary>Not found, already removed and already booked change nothing, so those answers are committed as they are.</summary>
        private async Task<Work.Outcome<Outcome>> RemoveAsync(Work.Change change, Guid id, Action<Outcome> closedMeanwhile)
        {
            var db = change.Db;
            var settings = await settingsStore.LoadAsync(db, change.Cancellation);
            var now = time.GetUtcNow();
            var entry = await FindAsync(db, id);
            switch (entry?.Status)
            {
                case null:
                    return Outcome.NotFound;
                case "Removed":
                    return Outcome.Removed;
                case "Booked":
                    return Outcome.Booked;
            }

            // Locks in the expiry job's order (deadline, offer, entry), so the two never deadlock over one offer.
            var open = await db.QueryAsync<OfferRow>(
                """
                SELECT id AS Id, service_id AS ServiceId, provider_id AS ProviderId, starts_at AS StartsAt, link_base AS LinkBase
                FROM booking_waitlist_offers WHERE tenant_id = @tenant_id AND entry_id = @id AND status = 'Open'
                """,
                new { id });
            var withdrawn = new List<OfferRow>();
            foreach (var offer in open)
            {
                // No deadline left: the expiry job has just passed this offer on.
                if (await db.ExecuteAsync("DELETE FROM booking_waitlist_deadlines WHERE tenant_id = @tenant_id AND offer_id = @offerId", new { offerId = offer.Id }) == 0)
                    continue;
                // 'Gone' with the entry removed reads as withdrawn on the offer's link.
                await db.ExecuteAsync("UPDATE booking_waitlist_offers SET status = 'Gone' WHERE tenant_id = @tenant_id AND id = @offerId", new { offerId = offer.Id });
                withdrawn.Add(offer);
            }

            var removed = await db.ExecuteAsync(
                """
                UPDATE booking_waitlist_entries SET status = 'Removed', removed_at = @now, removed_by = @by
                WHERE tenant_id = @tenant_id AND id = @id AND status IN ('Waiting', 'Offered')
                """,
                new { id, now, by = auditContext.Actor?.Id });
            // Someone else closed the entry meanwhile; nothing here is committed.
            if (removed == 0)
            {
                closedMeanwhile((await FindAsync(db, id))?.Status == "Removed" ? Outcome.Removed : Outcome.Booked);
                return Work.Outcome.Conflict("The entry was closed meanwhile.");
            }

            foreach (var offer in withdrawn)
                await offers.OfferAsync(db, new FreedSlot(offer.ServiceId, offer.ProviderId, offer.StartsAt), settings, offer.LinkBase, now);
            change.Audit(new AuditEntry(AuditAction) { ClientId = entry.ClientId, RecordId = id });
            return Outcome.Removed;
        }

        private static Task<EntryRow?> FindAsync(DbSession db, Guid id) =>
            db.QuerySingleOrDefaultAsync<EntryRow>(
                "SELECT client_id AS ClientId, service_id AS ServiceId, status AS Status FROM booking_waitlist_entries WHERE tenant_id = @tenant_id AND id = @id",
                new { id });
    }

    private sealed class EntryRow
    {
        public Guid ClientId { get; init; }

        public Guid ServiceId { get; init; }

        public string Status { get; init; } = "";
    }

    private sealed class OfferRow
    {
        public Guid Id { get; init; }

        public Guid ServiceId { get; init; }

        public Guid ProviderId { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public string LinkBase { get; init; } = "";
    }
}

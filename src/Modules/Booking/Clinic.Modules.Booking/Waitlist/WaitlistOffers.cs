using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using Microsoft.Extensions.Configuration;
using HostSettings = Clinic.BuildingBlocks.Hosting.Settings;

namespace Clinic.Modules.Booking.Waitlist;

/// <summary>A slot that came free: this service, with this provider, at this time.</summary>
internal sealed record FreedSlot(Guid ServiceId, Guid ProviderId, DateTimeOffset StartsAt);

/// <summary>
/// Offers a freed slot to the first client waiting for it (first come, first offered) whose preferences it suits,
/// while the slot is still free. Runs inside the caller's write transaction.
/// </summary>
internal sealed class WaitlistOffers(TimeSpan offerTime, SecretSeal seal)
{
    public const string OfferTimeKey = "Clinic:Booking:WaitlistOfferTime";

    /// <summary>How long an offer stands: <c>Clinic:Booking:WaitlistOfferTime</c>, 2 hours by default.</summary>
    public static readonly TimeSpan DefaultOfferTime = TimeSpan.FromHours(2);

    public TimeSpan OfferTime => offerTime;

    /// <summary>The offer time as set, from a minute to a week; any other value stops start-up naming the key.</summary>
    public static TimeSpan OfferTimeFrom(IConfiguration configuration) =>
        HostSettings.ParseDuration(configuration, OfferTimeKey, DefaultOfferTime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

    /// <summary>Offers the slot to the next matching entry that has not been offered it yet; true when one was offered.</summary>
    public async Task<bool> OfferAsync(DbSession db, FreedSlot slot, BookingSettings settings, string linkBase, DateTimeOffset now)
    {
        if (slot.StartsAt <= now || await ServiceCatalog.FindAsync(db, slot.ServiceId) is not { Active: true } service)
            return false;

        var (error, free) = await Placement.CheckAsync(db, service, slot.ProviderId, slot.StartsAt, settings, now, SlotFinder.Rules.Waitlist);
        if (error is not null)
            return false;

        // One row per window, entries in queue order: the first entry with any window the slot fits is offered it.
        var windows = await db.QueryAsync<WindowRow>(
            """
            SELECT e.id AS Id, e.client_id AS ClientId, w.weekdays AS Weekdays, w.from_minute AS FromMinute, w.to_minute AS ToMinute
            FROM booking_waitlist_entries e
            JOIN booking_waitlist_windows w ON w.tenant_id = e.tenant_id AND w.entry_id = e.id
            WHERE e.tenant_id = @tenant_id AND e.service_id = @serviceId AND e.status = 'Waiting'
              AND (e.provider_id IS NULL OR e.provider_id = @providerId)
              AND NOT EXISTS (SELECT 1 FROM booking_waitlist_offers o
                              WHERE o.tenant_id = e.tenant_id AND o.entry_id = e.id AND o.provider_id = @providerId AND o.starts_at = @startsAt)
            ORDER BY e.created_at, e.id, w.position
            """,
            new { serviceId = service.Id, providerId = slot.ProviderId, startsAt = slot.StartsAt });
        var local = settings.Local(slot.StartsAt);
        var end = local.AddMinutes(service.DurationMinutes);
        var entry = windows.FirstOrDefault(w => new WaitlistWindow(w.Weekdays, w.FromMinute, w.ToMinute).Suits(local, end));
        if (entry is null)
            return false;

        var token = SecretToken.Create();
        var offerId = Guid.CreateVersion7();
        var expiresAt = now + offerTime;
        await db.ExecuteAsync(
            """
            INSERT INTO booking_waitlist_offers (id, tenant_id, entry_id, service_id, provider_id, starts_at, token_hash, link_base, expires_at, status, created_at)
            VALUES (@offerId, @tenant_id, @entryId, @serviceId, @providerId, @startsAt, @tokenHash, @linkBase, @expiresAt, 'Open', @now)
            """,
            new { offerId, entryId = entry.Id, serviceId = service.Id, providerId = free!.ProviderId, startsAt = slot.StartsAt, tokenHash = SecretToken.Hash(token), linkBase, expiresAt, now });
        await db.ExecuteAsync("UPDATE booking_waitlist_entries SET status = 'Offered' WHERE tenant_id = @tenant_id AND id = @id", new { id = entry.Id });
        await db.ExecuteAsync(
            "INSERT INTO booking_waitlist_deadlines (tenant_id, offer_id, expires_at) VALUES (@tenant_id, @offerId, @expiresAt)", new { offerId, expiresAt });
        await db.PublishAsync(new WaitlistSlotOffered(
            entry.Id, entry.ClientId, service.Id, service.Name, free.ProviderId, slot.StartsAt, seal.Seal(OfferUrl(linkBase, token)), expiresAt));
        return true;
    }

    public static string OfferUrl(string linkBase, string token) => $"{linkBase}/waitlist/offer/{token}";

    private sealed class WindowRow
    {
        public Guid Id { get; init; }

        public Guid ClientId { get; init; }

        public int Weekdays { get; init; }

        public int FromMinute { get; init; }

        public int ToMinute { get; init; }
    }
}

using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;

namespace Clinic.Modules.Booking.Features.WaitlistOffer;

/// <summary>The link in a waitlist offer: it books the offered slot for the client while it is still free.</summary>
internal static class WaitlistOffer
{
    public const string AuditAction = "appointments.booked-from-waitlist";

    internal enum State
    {
        Open,
        Booked,
        Expired,
        Gone,
        Withdrawn,
    }

    /// <summary>An offer as its link shows it.</summary>
    internal sealed record View(Guid Id, State State, string Service, string Provider, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, BookingSettings Settings);

    internal sealed class Handler(
        TenantDb tenantDb,
        UnitOfWork work,
        BookingSettings.Store settingsStore,
        IStaffDirectory staff,
        AppointmentRows rows,
        AuditContext auditContext,
        TimeProvider time)
    {
        /// <summary>The offer this secret names, or null; reading it changes nothing.</summary>
        public async Task<View?> FindAsync(string? token, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(token) || token.Length > 100)
                return null;
            OfferRow? offer;
            await using (var db = await tenantDb.ReadAsync(ct))
                offer = await FindAsync(db, token);
            if (offer is null)
                return null;
            var settings = await settingsStore.LoadAsync(ct);
            var provider = (await staff.ActiveAsync(ct)).FirstOrDefault(s => s.Id == offer.ProviderId)?.Name ?? "Your clinician";
            return new View(offer.Id, offer.StateAt(time.GetUtcNow()), offer.Service, provider, settings.Local(offer.StartsAt), offer.ExpiresAt, settings);
        }

        /// <summary>
        /// Books the offered slot; returns the offer's state afterwards (Booked on success), or null for no such offer.
        /// An offer whose slot has gone is closed, and that is committed too; a lost lock race runs it all again.
        /// </summary>
        public async Task<State?> BookAsync(string? token, string linkBase, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(token) || token.Length > 100)
                return null;
            var outcome = await work.RunAsync(change => BookOnceAsync(change, token, linkBase), ct);
            return outcome.Kind switch
            {
                OutcomeKind.NotFound => null,
                _ when outcome.Succeeded => outcome.Value,
                _ => State.Gone,
            };
        }

        private async Task<Outcome<State>> BookOnceAsync(Change change, string token, string linkBase)
        {
            var db = change.Db;
            var now = time.GetUtcNow();
            if (await FindAsync(db, token) is not { } offer)
                return Outcome.NotFound;
            if (offer.StateAt(now) != State.Open)
                return offer.StateAt(now);

            var settings = await settingsStore.LoadAsync(db, change.Cancellation);
            var service = await ServiceCatalog.FindAsync(db, offer.ServiceId);
            var (error, slot) = service is { Active: true }
                ? await Placement.FindAsync(db, service, offer.ProviderId, offer.StartsAt, settings, now, SlotFinder.Rules.Waitlist)
                : (BookingError.UnknownService, null);
            if (error is not null)
            {
                await CloseAsync(db, offer, State.Gone, entryStatus: "Waiting", appointmentId: null);
                return State.Gone;
            }

            var status = settings.OnlineAutoConfirm ? AppointmentStatus.Confirmed : AppointmentStatus.Requested;
            Guid id;
            try
            {
                id = await rows.InsertAsync(
                    db,
                    new NewAppointment(offer.ClientId, service!, slot!, service!.DurationMinutes, status, "waitlist", Notes: null,
                        new BookingEvidence(settings.PolicyVersion, auditContext.Ip, auditContext.Device)),
                    ChangedBy.Client,
                    linkBase,
                    now);
            }
            catch (Exception e) when (Placement.IsOverlap(e))
            {
                return BookingError.Overlap.Refuse();
            }

            await CloseAsync(db, offer, State.Booked, entryStatus: "Booked", id);
            change.Audit(new AuditEntry(AuditAction) { ClientId = offer.ClientId, RecordId = id });
            return State.Booked;
        }

        private static async Task CloseAsync(DbSession db, OfferRow offer, State state, string entryStatus, Guid? appointmentId)
        {
            await db.ExecuteAsync(
                "UPDATE booking_waitlist_offers SET status = @state, appointment_id = @appointmentId WHERE tenant_id = @tenant_id AND id = @id",
                new { id = offer.Id, state = state.ToString(), appointmentId });
            await db.ExecuteAsync("UPDATE booking_waitlist_entries SET status = @entryStatus WHERE tenant_id = @tenant_id AND id = @entryId", new { entryId = offer.EntryId, entryStatus });
            await db.ExecuteAsync("DELETE FROM booking_waitlist_deadlines WHERE tenant_id = @tenant_id AND offer_id = @id", new { id = offer.Id });
        }

        private static Task<OfferRow?> FindAsync(DbSession db, string token) =>
            db.QuerySingleOrDefaultAsync<OfferRow>(
                """
                SELECT o.id AS Id, o.entry_id AS EntryId, e.client_id AS ClientId, o.service_id AS ServiceId, s.name AS Service, o.provider_id AS ProviderId,
                       o.starts_at AS StartsAt, o.expires_at AS ExpiresAt, o.status AS Status, e.status AS EntryStatus
                FROM booking_waitlist_offers o
                JOIN booking_waitlist_entries e ON e.tenant_id = o.tenant_id AND e.id = o.entry_id
                JOIN booking_services s ON s.tenant_id = o.tenant_id AND s.id = o.service_id
                WHERE o.tenant_id = @tenant_id AND o.token_hash = @hash
                """,
                new { hash = SecretToken.Hash(token) });
    }

    private sealed class OfferRow
    {
        public Guid Id { get; init; }

        public Guid EntryId { get; init; }

        public Guid ClientId { get; init; }

        public Guid ServiceId { get; init; }

        public string Service { get; init; } = "";

        public Guid ProviderId { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public string Status { get; init; } = "";

        public string EntryStatus { get; init; } = "";

        /// <summary>
        /// An open offer past its time is expired even before the job has passed it on; an offer that ended because
        /// staff took the client off the waitlist was withdrawn.
        /// </summary>
        public State StateAt(DateTimeOffset now)
        {
            var state = Enum.Parse<State>(Status);
            return state switch
            {
                State.Open when ExpiresAt <= now => State.Expired,
                State.Gone when EntryStatus == "Removed" => State.Withdrawn,
                _ => state,
            };
        }
    }
}

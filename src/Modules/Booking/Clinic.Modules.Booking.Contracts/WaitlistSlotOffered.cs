using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Booking.Contracts;

/// <summary>
/// A slot that a cancellation freed is offered to a client on the waitlist. <see cref="OfferUrl"/> books it while it
/// is still free, until <see cref="ExpiresAt"/>; then the next client waiting is offered it. Messaging sends it; it
/// travels sealed (ADR 0018).
/// </summary>
[EventName("booking.waitlist-slot-offered.v1")]
public sealed record WaitlistSlotOffered(
    Guid EntryId,
    Guid ClientId,
    Guid ServiceId,
    string Service,
    Guid ProviderId,
    DateTimeOffset StartsAt,
    SealedSecret OfferUrl,
    DateTimeOffset ExpiresAt) : IntegrationEvent;

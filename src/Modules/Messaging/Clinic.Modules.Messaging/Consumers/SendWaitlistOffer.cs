using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;
using static Clinic.Modules.Messaging.Queue.MessageValues;

namespace Clinic.Modules.Messaging.Consumers;

/// <summary>A client waiting for a slot is told it is free, with the link that books it.</summary>
internal sealed class SendWaitlistOffer(TimeProvider time) : IIntegrationEventHandler<WaitlistSlotOffered>
{
    public Task HandleAsync(WaitlistSlotOffered offer, DbSession db, CancellationToken ct) =>
        MessageQueue.QueueAsync(
            db,
            new MessageRequest(
                MessageKinds.WaitlistOffer.Key,
                $"{MessageKinds.WaitlistOffer.Key}:{offer.EntryId}:{Instant(offer.StartsAt)}:{offer.ProviderId}",
                Recipient.Client(offer.ClientId),
                new Dictionary<string, string>
                {
                    [MessageKinds.Service.Name] = offer.Service,
                    [MessageKinds.StartsAt.Name] = Instant(offer.StartsAt),
                    [MessageKinds.OfferExpiresAt.Name] = Instant(offer.ExpiresAt),
                },
                new Dictionary<string, SealedSecret> { [MessageKinds.OfferUrl.Name] = offer.OfferUrl }),
            time.GetUtcNow());
}

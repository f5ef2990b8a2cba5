using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Consumers;

/// <summary>A website visitor who asked for a consultation is told it arrived. They are not a client yet.</summary>
internal sealed class AcknowledgeConsultationRequest(TimeProvider time) : IIntegrationEventHandler<ConsultationRequested>
{
    public Task HandleAsync(ConsultationRequested request, DbSession db, CancellationToken ct) =>
        MessageQueue.QueueAsync(
            db,
            new MessageRequest(
                MessageKinds.ConsultationAcknowledgement.Key,
                $"{MessageKinds.ConsultationAcknowledgement.Key}:{request.EnquiryId}",
                Recipient.Person(request.FirstName, request.Email, request.Mobile),
                new Dictionary<string, string>
                {
                    [MessageKinds.FirstName.Name] = request.FirstName,
                    [MessageKinds.Treatment.Name] = request.Treatment ?? "a consultation",
                }),
            time.GetUtcNow());
}

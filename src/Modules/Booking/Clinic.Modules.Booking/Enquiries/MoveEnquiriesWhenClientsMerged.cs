using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Enquiries;

/// <summary>A converted enquiry follows its client into the record staff kept, so its client link still opens.</summary>
internal sealed class MoveEnquiriesWhenClientsMerged : IIntegrationEventHandler<ClientsMerged>
{
    public Task HandleAsync(ClientsMerged integrationEvent, DbSession db, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE booking_enquiries SET client_id = @kept WHERE tenant_id = @tenant_id AND client_id = @merged",
            new { kept = integrationEvent.KeptClientId, merged = integrationEvent.MergedClientId });
}

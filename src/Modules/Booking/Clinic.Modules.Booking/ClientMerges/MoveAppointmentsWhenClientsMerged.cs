using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.ClientMerges;

/// <summary>A merged client's appointments belong to the record that was kept; the merged record no longer exists.</summary>
internal sealed class MoveAppointmentsWhenClientsMerged : IIntegrationEventHandler<ClientsMerged>
{
    public Task HandleAsync(ClientsMerged integrationEvent, DbSession db, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE booking_appointments SET client_id = @kept WHERE tenant_id = @tenant_id AND client_id = @merged",
            new { kept = integrationEvent.KeptClientId, merged = integrationEvent.MergedClientId });
}

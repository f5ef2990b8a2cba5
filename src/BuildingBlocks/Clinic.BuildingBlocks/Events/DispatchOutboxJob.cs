using Clinic.BuildingBlocks.Jobs;

namespace Clinic.BuildingBlocks.Events;

internal sealed class DispatchOutboxJob(OutboxDispatcher dispatcher) : IClinicJob
{
    public Task RunAsync(CancellationToken ct) => dispatcher.DispatchAsync(ct);
}

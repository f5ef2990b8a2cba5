using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Clients.Contracts;

/// <summary>
/// Staff merged a duplicate record into the one they kept. Every module that refers to clients moves its references
/// from <see cref="MergedClientId"/> to <see cref="KeptClientId"/>; the merged record no longer exists.
/// </summary>
[EventName("clients.clients-merged.v1")]
public sealed record ClientsMerged(Guid KeptClientId, Guid MergedClientId) : IntegrationEvent;

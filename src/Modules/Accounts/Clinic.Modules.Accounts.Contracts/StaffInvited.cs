using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// An owner invited someone to join the clinic's staff. Messaging sends <see cref="AcceptUrl"/> to <see cref="Email"/>;
/// the link works once, until <see cref="ExpiresAt"/>. The outbox row carries the clinic.
/// </summary>
public sealed record StaffInvited(Guid InvitationId, string Email, string Name, string Role, string AcceptUrl, DateTimeOffset ExpiresAt) : IntegrationEvent;

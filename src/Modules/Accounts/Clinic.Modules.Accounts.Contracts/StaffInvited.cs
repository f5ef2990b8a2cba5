using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// An owner invited someone to join the clinic's staff. Messaging sends <see cref="AcceptUrl"/> to <see cref="Email"/>;
/// the link works once, until <see cref="ExpiresAt"/>, and travels sealed (ADR 0018). The outbox row carries the clinic.
/// </summary>
[EventName("accounts.staff-invited.v1")]
public sealed record StaffInvited(Guid InvitationId, string Email, string Name, string Role, SealedSecret AcceptUrl, DateTimeOffset ExpiresAt) : IntegrationEvent;

using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// Someone asked to sign in by email. Messaging sends <see cref="SignInUrl"/> to <see cref="Email"/>; the link works
/// once, until <see cref="ExpiresAt"/>. <see cref="Audience"/> is "staff" or "client". The outbox row carries the clinic.
/// </summary>
public sealed record SignInLinkRequested(Guid LinkId, string Audience, string Email, string Name, string SignInUrl, DateTimeOffset ExpiresAt) : IntegrationEvent;

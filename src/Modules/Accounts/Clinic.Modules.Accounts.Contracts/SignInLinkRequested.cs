using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// Someone asked to sign in by email. Messaging sends <see cref="SignInUrl"/> to <see cref="Email"/>; the link works
/// once, until <see cref="ExpiresAt"/>, and travels sealed (ADR 0018). <see cref="Audience"/> is "staff" or "client".
/// The outbox row carries the clinic.
/// </summary>
[EventName("accounts.sign-in-link-requested.v1")]
public sealed record SignInLinkRequested(Guid LinkId, string Audience, string Email, string Name, SealedSecret SignInUrl, DateTimeOffset ExpiresAt) : IntegrationEvent;

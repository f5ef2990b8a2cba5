using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// Someone signed in from a browser they had not used before. Messaging sends <see cref="Email"/> a security alert
/// naming the device, address and time, so a person who did not sign in can act. <see cref="Audience"/> is "staff" or "client".
/// </summary>
[EventName("accounts.new-device-signed-in.v1")]
public sealed record NewDeviceSignedIn(Guid HolderId, string Audience, string Email, string Name, string? Device, string? Ip, DateTimeOffset SignedInAt) : IntegrationEvent;

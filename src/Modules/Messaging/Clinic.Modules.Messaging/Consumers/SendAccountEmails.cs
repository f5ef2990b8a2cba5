using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;
using Microsoft.Extensions.Logging;
using static Clinic.Modules.Messaging.Queue.MessageValues;

namespace Clinic.Modules.Messaging.Consumers;

/// <summary>
/// Accounts' sign-in links, staff invitations and new-device alerts, by email. Events outside any clinic (the
/// operator's console) have no clinic to send from and are left to the operator's own mail set-up.
/// </summary>
internal sealed class SendAccountEmails(TimeProvider time, ILogger<SendAccountEmails> logger) :
    IIntegrationEventHandler<SignInLinkRequested>,
    IIntegrationEventHandler<StaffInvited>,
    IIntegrationEventHandler<NewDeviceSignedIn>
{
    public Task HandleAsync(SignInLinkRequested link, DbSession db, CancellationToken ct) =>
        QueueAsync(
            db,
            MessageKinds.SignInLink,
            link.LinkId,
            link.Name,
            link.Email,
            new() { [MessageKinds.LinkExpiresAt.Name] = Instant(link.ExpiresAt) },
            new() { [MessageKinds.SignInUrl.Name] = link.SignInUrl });

    public Task HandleAsync(StaffInvited invitation, DbSession db, CancellationToken ct) =>
        QueueAsync(
            db,
            MessageKinds.StaffInvitation,
            invitation.InvitationId,
            invitation.Name,
            invitation.Email,
            new()
            {
                [MessageKinds.Role.Name] = invitation.Role,
                [MessageKinds.LinkExpiresAt.Name] = Instant(invitation.ExpiresAt),
            },
            new() { [MessageKinds.AcceptUrl.Name] = invitation.AcceptUrl });

    public Task HandleAsync(NewDeviceSignedIn signIn, DbSession db, CancellationToken ct) =>
        QueueAsync(db, MessageKinds.SecurityAlert, signIn.EventId, signIn.Name, signIn.Email, new()
        {
            [MessageKinds.Device.Name] = signIn.Device ?? "an unknown device",
            [MessageKinds.SignedInAt.Name] = Instant(signIn.SignedInAt),
        });

    private async Task QueueAsync(
        DbSession db, MessageKind kind, Guid cause, string name, string email, Dictionary<string, string> data, Dictionary<string, SealedSecret>? links = null)
    {
        if (db.TenantId is null)
        {
            logger.LogInformation("{Kind} {Cause} belongs to no clinic; not queued", kind.Key, cause);
            return;
        }

        await MessageQueue.QueueAsync(db, new MessageRequest(kind.Key, $"{kind.Key}:{cause}", Recipient.Person(name, email), data, links), time.GetUtcNow());
    }
}

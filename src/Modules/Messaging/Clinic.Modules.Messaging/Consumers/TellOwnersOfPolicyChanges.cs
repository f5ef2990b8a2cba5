using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;
using Clinic.Modules.Privacy.Contracts;

namespace Clinic.Modules.Messaging.Consumers;

/// <summary>
/// A policy published as a material change, by the clinic or as the operator's new default, is emailed to each of the
/// clinic's owners; a minor edit is not.
/// </summary>
internal sealed class TellOwnersOfPolicyChanges(TimeProvider time) : IIntegrationEventHandler<PolicyPublished>
{
    public async Task HandleAsync(PolicyPublished published, DbSession db, CancellationToken ct)
    {
        if (!published.MaterialChange || db.TenantId is null)
            return;

        var kind = published.Default ? MessageKinds.DefaultPolicyChanged : MessageKinds.PolicyChanged;
        foreach (var reader in published.Notify)
        {
            var data = new Dictionary<string, string>
            {
                [MessageKinds.PolicyName.Name] = published.Kind == PolicyKind.Privacy ? "privacy policy" : "cookie policy",
                [MessageKinds.PolicySummary.Name] = published.Summary ?? "",
                [MessageKinds.PolicyUrl.Name] = published.Url,
            };
            var key = $"{kind.Key}:{published.VersionId}:{reader.Email}";
            await MessageQueue.QueueAsync(db, new MessageRequest(kind.Key, key, Recipient.Person(reader.Name, reader.Email), data), time.GetUtcNow());
        }
    }
}

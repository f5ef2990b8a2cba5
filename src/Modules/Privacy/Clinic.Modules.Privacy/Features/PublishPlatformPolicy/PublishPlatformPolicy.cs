using Clinic.Modules.Privacy.Contracts;
using Clinic.Modules.Privacy.Features.PublishPolicy;
using Clinic.Modules.Privacy.Policies;

namespace Clinic.Modules.Privacy.Features.PublishPlatformPolicy;

/// <summary>
/// In the SaaS edition the operator publishes the default privacy and cookie policies, which every clinic shows until it
/// publishes its own. A material change is emailed to every clinic's owners by <see cref="NotifyClinicsOfPlatformPolicies"/>.
/// The form and its rules are the clinic owner's (<see cref="PublishPolicy.PublishPolicy.Request"/>).
/// </summary>
internal static class PublishPlatformPolicy
{
    public const string Permission = "platform.policies";

    public static string PathOf(PolicyKind kind) => $"/platform/policies/{PolicyVersions.Stored(kind)}";

    internal sealed class Handler(PlatformPolicies platform)
    {
        public async Task<(string Body, PolicyVersion? Latest)> LoadAsync(PolicyKind kind, CancellationToken ct)
        {
            var latest = await platform.LatestAsync(kind, ct);
            return (latest?.Body ?? PolicyDefaults.Text(kind), latest);
        }

        public Task<int?> PublishAsync(PolicyKind kind, PublishPolicy.PublishPolicy.Request request, string operatorName, CancellationToken ct) =>
            platform.PublishAsync(
                kind, request.BaseVersion, request.Body!, request.MaterialChange,
                string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim(), operatorName, ct);
    }
}

using Clinic.Modules.Cookies.Contracts;
using Clinic.Modules.Privacy.Contracts;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Cookies.Consent;

/// <summary>
/// The operator's revision (Clinic:Cookies:PolicyRevision, read on each use so a change applies at once) and the
/// revision of the cookie policy visitors read, e.g. "1.3", or "1.p2" for the operator's default. Without the Privacy
/// module there are no published versions.
/// </summary>
internal sealed class PolicyRevision(IConfiguration configuration, IEnumerable<IPublishedPolicies> policies) : ICookiePolicyRevision
{
    public const string Setting = "Clinic:Cookies:PolicyRevision";

    public async ValueTask<string> CurrentAsync(CancellationToken ct)
    {
        var operatorRevision = configuration[Setting] is { Length: > 0 } revision ? revision.Trim() : "1";
        var published = policies.FirstOrDefault() is { } documents ? await documents.RevisionAsync(PolicyKind.Cookies, ct) : "0";
        return $"{operatorRevision}.{published}";
    }
}

using Clinic.Modules.Cookies.Contracts;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Cookies.Consent;

/// <summary>The revision an operator sets in Clinic:Cookies:PolicyRevision, read on each use so a change applies at once.</summary>
internal sealed class PolicyRevisionFromSettings(IConfiguration configuration) : ICookiePolicyRevision
{
    public const string Setting = "Clinic:Cookies:PolicyRevision";

    public ValueTask<string> CurrentAsync(CancellationToken ct) =>
        ValueTask.FromResult(configuration[Setting] is { Length: > 0 } revision ? revision.Trim() : "1");
}

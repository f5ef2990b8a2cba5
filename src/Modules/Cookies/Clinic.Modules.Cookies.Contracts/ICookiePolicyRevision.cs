namespace Clinic.Modules.Cookies.Contracts;

/// <summary>
/// The revision of the clinic's cookie policy. Consent given under another revision no longer counts, so the banner
/// asks again. It changes when the clinic publishes a new cookie policy, or when the operator raises
/// Clinic:Cookies:PolicyRevision (say, for a release that sets a new cookie).
/// </summary>
public interface ICookiePolicyRevision
{
    ValueTask<string> CurrentAsync(CancellationToken ct);
}

namespace Clinic.Modules.Cookies.Contracts;

/// <summary>
/// The revision of the clinic's cookie policy. Consent given under another revision no longer counts, so the banner
/// asks again. The Cookies module reads it from settings (Clinic:Cookies:PolicyRevision); a module that versions the
/// policy document registers its own implementation after it.
/// </summary>
public interface ICookiePolicyRevision
{
    ValueTask<string> CurrentAsync(CancellationToken ct);
}

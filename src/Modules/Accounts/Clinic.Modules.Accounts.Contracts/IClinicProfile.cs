namespace Clinic.Modules.Accounts.Contracts;

/// <summary>
/// What the clinic tells the public about itself: the website's home, about page and footer, and the contact
/// details in its privacy policy. Blank fields are null; the phone and WhatsApp numbers are E.164.
/// </summary>
public sealed record ClinicProfile(
    string Name,
    string? Tagline,
    string? About,
    string? Address,
    Uri? MapLink,
    string? Phone,
    string? Email,
    string? WhatsApp,
    bool WhatsAppWidget,
    IReadOnlyList<OpeningHours> Hours,
    IReadOnlyList<SocialLink> Social)
{
    /// <summary>WhatsApp's click-to-chat address for the number: https://wa.me/ and the digits without the plus.</summary>
    public Uri? WhatsAppChat => WhatsApp is null ? null : new Uri("https://wa.me/" + WhatsApp.TrimStart('+'));

    /// <summary>The profile of a clinic that has not filled it in yet.</summary>
    public static ClinicProfile Empty(string name) => new(name, null, null, null, null, null, null, null, false, [], []);
}

/// <summary>One day's opening hours in the clinic's time zone; a day with no entry is closed.</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>A link to the clinic's page on a social network, e.g. ("Instagram", https://www.instagram.com/clinic).</summary>
public sealed record SocialLink(string Network, Uri Url);

/// <summary>The current clinic's profile, read once per request.</summary>
public interface IClinicProfile
{
    Task<ClinicProfile> CurrentAsync(CancellationToken ct);
}

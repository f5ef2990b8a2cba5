using Clinic.Testing;

namespace Clinic.Host.Tests.Website;

/// <summary>Filling in the clinic profile the way the owner would, from a complete, valid starting point.</summary>
internal static class ProfileForms
{
    public const string Path = "/settings/clinic-profile";

    /// <summary>A complete profile: Monday to Friday 9 to 6, Saturday 10 to 2, Sunday closed.</summary>
    public static Dictionary<string, string> Valid(string name = "Lahore Skin Studio") => new(StringComparer.Ordinal)
    {
        ["Input.Name"] = name,
        ["Input.Tagline"] = "Skin and laser care in Gulberg",
        ["Input.About"] = "Founded in 2015 by two dermatologists.\n\nEvery treatment starts with a consultation.",
        ["Input.Address"] = "12 Main Boulevard\nGulberg III, Lahore",
        ["Input.MapLink"] = "https://maps.app.goo.gl/abc123",
        ["Input.Phone"] = "0300 1234567",
        ["Input.Email"] = "hello@skinstudio.test",
        ["Input.WhatsApp"] = "0321 7654321",
        ["Input.Instagram"] = "https://www.instagram.com/skinstudio",
        ["Input.Facebook"] = "https://facebook.com/skinstudio",
        ["Input.TikTok"] = "",
        ["Input.YouTube"] = "",
        ["Input.Hours[0].Open"] = "true", ["Input.Hours[0].Opens"] = "09:00", ["Input.Hours[0].Closes"] = "18:00",
        ["Input.Hours[1].Open"] = "true", ["Input.Hours[1].Opens"] = "09:00", ["Input.Hours[1].Closes"] = "18:00",
        ["Input.Hours[2].Open"] = "true", ["Input.Hours[2].Opens"] = "09:00", ["Input.Hours[2].Closes"] = "18:00",
        ["Input.Hours[3].Open"] = "true", ["Input.Hours[3].Opens"] = "09:00", ["Input.Hours[3].Closes"] = "18:00",
        ["Input.Hours[4].Open"] = "true", ["Input.Hours[4].Opens"] = "09:00", ["Input.Hours[4].Closes"] = "18:00",
        ["Input.Hours[5].Open"] = "true", ["Input.Hours[5].Opens"] = "10:00", ["Input.Hours[5].Closes"] = "14:00",
    };

    public static Task<HttpResponseMessage> SaveProfileAsync(this ClinicClient owner, Dictionary<string, string> fields) =>
        owner.SubmitAsync(Path, fields, "form.clinic-profile");

    public static Dictionary<string, string> With(this Dictionary<string, string> fields, string name, string value) =>
        new(fields, StringComparer.Ordinal) { [name] = value };
}

using Clinic.Modules.Privacy.Contracts;

namespace Clinic.Modules.Privacy.Policies;

/// <summary>The policies Clinic ships, saying what it really does; a clinic publishes its own versions over them.</summary>
internal static class PolicyDefaults
{
    /// <summary>When the shipped texts last changed: the "last updated" date until the clinic publishes its own.</summary>
    public static readonly DateOnly UpdatedOn = new(2026, 11, 22);

    public static string Text(PolicyKind kind)
    {
        var name = kind == PolicyKind.Privacy ? "privacy.md" : "cookies.md";
        using var stream = typeof(PolicyDefaults).Assembly.GetManifestResourceStream($"Policies/Defaults/{name}")
            ?? throw new InvalidOperationException($"The default policy {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

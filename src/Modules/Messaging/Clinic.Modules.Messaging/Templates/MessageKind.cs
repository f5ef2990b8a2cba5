namespace Clinic.Modules.Messaging.Templates;

/// <summary>How a placeholder's value is written into a message.</summary>
internal enum PlaceholderType
{
    Text,

    /// <summary>An instant, written as a date and time in the clinic's time zone, never UTC.</summary>
    Instant,

    Url,

    /// <summary>
    /// A link that works for its recipient alone (a sign-in or invitation link, a client's booking link): the provider
    /// gets it, while the words kept and shown to staff carry <see cref="Placeholder.Hidden"/> instead (ADR 0018).
    /// </summary>
    SecretLink,
}

/// <summary>A value a template may use, written <c>{{name}}</c>; <see cref="Sample"/> fills the editor's preview.</summary>
internal sealed record Placeholder(string Name, PlaceholderType Type, string Description, string Sample)
{
    /// <summary>What staff read in a secret link's place, e.g. "sign-in link (hidden)".</summary>
    public string Hidden { get; init; } = "link (hidden)";
}

/// <summary>
/// A type of message Clinic sends. <see cref="Urgent"/> messages answer something a person just did (a booking, a
/// sign-in) and go out even in quiet hours; the others wait for the morning.
/// </summary>
internal sealed record MessageKind(string Key, string Name, bool Urgent, bool Marketing, IReadOnlyList<Placeholder> Placeholders)
{
    public Placeholder? Find(string name) => Placeholders.FirstOrDefault(p => p.Name == name);
}

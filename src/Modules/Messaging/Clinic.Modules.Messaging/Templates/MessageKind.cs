namespace Clinic.Modules.Messaging.Templates;

/// <summary>How a placeholder's value is written into a message.</summary>
internal enum PlaceholderType
{
    Text,

    /// <summary>An instant, written as a date and time in the clinic's time zone, never UTC.</summary>
    Instant,

    Url,
}

/// <summary>A value a template may use, written <c>{{name}}</c>; <see cref="Sample"/> fills the editor's preview.</summary>
internal sealed record Placeholder(string Name, PlaceholderType Type, string Description, string Sample);

/// <summary>
/// A type of message Clinic sends. <see cref="Urgent"/> messages answer something a person just did (a booking, a
/// sign-in) and go out even in quiet hours; the others wait for the morning.
/// </summary>
internal sealed record MessageKind(string Key, string Name, bool Urgent, bool Marketing, IReadOnlyList<Placeholder> Placeholders)
{
    public Placeholder? Find(string name) => Placeholders.FirstOrDefault(p => p.Name == name);
}

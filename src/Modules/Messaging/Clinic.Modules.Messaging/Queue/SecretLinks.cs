using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Queue;

/// <summary>
/// The secret links one message carries (ADR 0018), opened for the moment it is sent. They wait sealed in the
/// message's <c>secrets</c> column, which is erased once the message is settled; the words kept in <c>subject</c> and
/// <c>body</c> hold each link's placeholder in its place. <see cref="Reveal"/> puts the links in for the provider, and
/// <see cref="Hide"/> words them for staff, e.g. "sign-in link (hidden)".
/// </summary>
internal sealed class SecretLinks
{
    public static readonly SecretLinks None = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _links;

    private SecretLinks(IReadOnlyDictionary<string, string> links) => _links = links;

    public IEnumerable<string> Names => _links.Keys;

    /// <summary>The sealed links as the <c>secrets</c> column keeps them; null when there are none.</summary>
    public static string? Keep(IReadOnlyDictionary<string, SealedSecret>? links) =>
        links?.Where(l => l.Value is not null).ToDictionary() is { Count: > 0 } kept ? JsonSerializer.Serialize(kept) : null;

    public static SecretLinks Open(string? kept, SecretSeal seal) =>
        kept is null
            ? None
            : new(JsonSerializer.Deserialize<Dictionary<string, SealedSecret?>>(kept)!
                .Where(l => l.Value is not null)
                .ToDictionary(l => l.Key, l => seal.Open(l.Value!)));

    /// <summary>What a link is written as in the words that are kept: its own placeholder.</summary>
    public static string Placeholder(string name) => "{{" + name + "}}";

    /// <summary>The words as the provider gets them, with the links in.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Reveal(string? text) =>
        text is null ? null : _links.Aggregate(text, (words, link) => words.Replace(Placeholder(link.Key), link.Value, StringComparison.Ordinal));

    /// <summary>The kept words of a message of <paramref name="kind"/> as staff read them.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Hide(string? text, string kind) =>
        text is null || MessageKinds.Find(kind) is not { } found
            ? text
            : found.Placeholders
                .Where(p => p.Type == PlaceholderType.SecretLink)
                .Aggregate(text, (words, p) => words.Replace(Placeholder(p.Name), p.Hidden, StringComparison.Ordinal));

    public override string ToString() => $"{_links.Count} secret link(s)";
}

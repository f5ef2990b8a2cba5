using System.Text.RegularExpressions;

namespace Clinic.Architecture.Tests;

/// <summary>A class a page's markup puts on an element: a whole name, or the fixed start of one that code completes.</summary>
internal sealed record ClassUse(RazorAttribute Attribute, string Name, bool IsPrefix)
{
    public override string ToString() => $"{Path.GetRelativePath(Codebase.Root, Attribute.File)}:{Attribute.Line} <{Attribute.Element}> .{Name}{(IsPrefix ? "…" : "")}";
}

/// <summary>The served stylesheets (every wwwroot's .css) and the classes pages use, as the markup tests read them.</summary>
internal static partial class Stylesheets
{
    public static IReadOnlyList<string> Files { get; } =
        [.. Directory.EnumerateFiles(Path.Combine(Codebase.Root, "src"), "*.css", SearchOption.AllDirectories)
            .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("wwwroot"))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)];

    /// <summary>Every class a selector names; declarations are dropped first, so values such as <c>.5rem</c> never count.</summary>
    public static IReadOnlySet<string> Classes { get; } = Files
        .Select(File.ReadAllText)
        .Select(css => Declarations().Replace(Comments().Replace(css, ""), "{}"))
        .SelectMany(selectors => ClassSelector().Matches(selectors).Select(m => m.Groups["name"].Value))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The classes in one class attribute: plain words; the words inside code that picks one
    /// (<c>@(on ? "badge-warn" : "badge-muted")</c>); and the fixed start of a word that code completes
    /// (<c>status-@entry.Status</c>). Code that returns a class from elsewhere (<c>@Text.BadgeClass(x)</c>) cannot be read here.
    /// </summary>
    public static IEnumerable<ClassUse> In(RazorAttribute attribute)
    {
        foreach (var word in Words(attribute.Parts))
        {
            if (word is [{ IsCode: false } text])
            {
                yield return new ClassUse(attribute, text.Text, IsPrefix: false);
            }
            else if (word is [{ IsCode: false } start, { IsCode: true }, ..])
            {
                yield return new ClassUse(attribute, start.Text, IsPrefix: true);
            }
            else if (word is [{ IsCode: true } code])
            {
                foreach (Match literal in StringLiteral().Matches(code.Text))
                {
                    foreach (var name in literal.Groups["text"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        yield return new ClassUse(attribute, name, IsPrefix: false);
                }
            }
        }
    }

    /// <summary>Runs of text and code with no white space between them, as the browser splits the rendered value.</summary>
    private static IEnumerable<List<ValuePart>> Words(IReadOnlyList<ValuePart> parts)
    {
        var word = new List<ValuePart>();
        foreach (var part in parts)
        {
            if (part.IsCode)
            {
                word.Add(part);
                continue;
            }

            var pieces = part.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < pieces.Length; i++)
            {
                if ((i > 0 || char.IsWhiteSpace(part.Text[0])) && word.Count > 0)
                {
                    yield return word;
                    word = [];
                }

                word.Add(new ValuePart(false, pieces[i]));
            }

            if (part.Text.Length > 0 && char.IsWhiteSpace(part.Text[^1]) && word.Count > 0)
            {
                yield return word;
                word = [];
            }
        }

        if (word.Count > 0)
            yield return word;
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex Comments();

    // Innermost braces only: a rule's declarations go, the selectors inside @media blocks stay.
    [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex Declarations();

    [GeneratedRegex(@"\.(?<name>-?[_a-zA-Z][\w-]*)", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ClassSelector();

    [GeneratedRegex(@"""(?<text>[^""\\]*)""", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex StringLiteral();
}

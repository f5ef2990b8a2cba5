using System.Text.RegularExpressions;

namespace Clinic.Architecture.Tests;

/// <summary>A stretch of a quoted Razor attribute value: text written as is, or C# that Razor evaluates.</summary>
internal sealed record ValuePart(bool IsCode, string Text);

/// <summary>One quoted attribute of a .razor file (an element's or a component's), split into text and code.</summary>
internal sealed record RazorAttribute(string File, int Line, string Element, string Name, IReadOnlyList<ValuePart> Parts)
{
    public bool MixesTextAndCode => Parts.Any(p => p.IsCode) && Parts.Any(p => !p.IsCode && p.Text.Trim().Length > 0);

    public override string ToString() => $"{Path.GetRelativePath(Codebase.Root, File)}:{Line} {Name}=\"{string.Concat(Parts.Select(p => p.IsCode ? "@" + p.Text : p.Text))}\"";
}

/// <summary>
/// Reads the quoted attributes of the app's .razor files the way Razor splits them: plain text, and code after an
/// <c>@</c> (an explicit <c>@(…)</c> or an implicit <c>@a.B(c)</c>). Enough of Razor to check what pages put in
/// attributes; Razor comments are skipped.
/// </summary>
internal static partial class RazorAttributes
{
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(Codebase.Root, "src"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<RazorAttribute> In(string file)
    {
        var source = RazorComment().Replace(File.ReadAllText(file), m => new string('\n', m.Value.Count(c => c == '\n')));
        foreach (Match start in AttributeStart().Matches(source))
        {
            var i = start.Index + start.Length;
            var parts = ReadValue(source, ref i);
            if (parts is not null)
                yield return new RazorAttribute(file, 1 + source.AsSpan(0, start.Index).Count('\n'), ElementAt(source, start.Index), start.Groups["name"].Value, parts);
        }
    }

    /// <summary>The name of the tag the attribute sits in: the nearest opening angle bracket before it.</summary>
    private static string ElementAt(string source, int attribute)
    {
        var open = source.LastIndexOf('<', attribute);
        return open < 0 ? "" : ElementName().Match(source, open + 1).Value;
    }

    /// <summary>The value up to its closing quote, or null when the quote never closes (not an attribute after all).</summary>
    private static List<ValuePart>? ReadValue(string s, ref int i)
    {
        var parts = new List<ValuePart>();
        var text = new System.Text.StringBuilder();
        while (i < s.Length && s[i] != '"' && s[i] != '\n')
        {
            if (s[i] == '@' && i + 1 < s.Length && s[i + 1] == '@')
            {
                text.Append('@');
                i += 2;
            }
            else if (s[i] == '@' && (text.Length == 0 || !char.IsLetterOrDigit(text[^1])) && i + 1 < s.Length && (s[i + 1] == '(' || IsIdentifierStart(s[i + 1])))
            {
                if (text.Length > 0)
                    parts.Add(new ValuePart(false, text.ToString()));
                text.Clear();
                var from = ++i;
                SkipCode(s, ref i);
                parts.Add(new ValuePart(true, s[from..i]));
            }
            else
            {
                text.Append(s[i++]);
            }
        }

        if (i >= s.Length || s[i] != '"')
            return null;
        if (text.Length > 0)
            parts.Add(new ValuePart(false, text.ToString()));
        return parts;
    }

    /// <summary>An explicit expression to its closing parenthesis, or an implicit one: names, dots, calls and indexers.</summary>
    private static void SkipCode(string s, ref int i)
    {
        if (s[i] == '(')
        {
            SkipBracketed(s, ref i);
            return;
        }

        while (i < s.Length)
        {
            if (IsIdentifierStart(s[i]))
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                    i++;
            }
            else if (s[i] is '(' or '[')
            {
                SkipBracketed(s, ref i);
            }
            else if (s[i] == '.' && i + 1 < s.Length && IsIdentifierStart(s[i + 1]))
            {
                i++;
            }
            else
            {
                return;
            }
        }
    }

    private static void SkipBracketed(string s, ref int i)
    {
        var depth = 0;
        do
        {
            switch (s[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case '"':
                    for (i++; i < s.Length && s[i] != '"'; i++)
                    {
                        if (s[i] == '\\')
                            i++;
                    }

                    break;
            }

            i++;
        }
        while (depth > 0 && i < s.Length);
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    [GeneratedRegex(@"\G[A-Za-z][\w.]*", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ElementName();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex RazorComment();

    // A name right after whitespace, then ="; directive attributes (@onsubmit, @formname) start with @ and are skipped.
    [GeneratedRegex(@"(?<=\s)(?<name>[A-Za-z][\w:.-]*)=""", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex AttributeStart();
}

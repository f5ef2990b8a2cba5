using System.Text;

namespace Clinic.Architecture.Tests;

/// <summary>A string literal of a C# file, with the line it starts on.</summary>
internal sealed record CSharpString(int Line, string Text);

/// <summary>
/// Finds the string literals of a C# file (regular, verbatim, raw, interpolated), skipping comments and char literals,
/// so that SQL is looked for only where SQL can be: prose in comments never counts.
/// </summary>
internal static class CSharpStrings
{
    public static IReadOnlyList<CSharpString> In(string source)
    {
        var literals = new List<CSharpString>();
        var i = 0;
        while (i < source.Length)
        {
            if (At(source, i, "//"))
            {
                i = EndOf(source, "\n", i);
            }
            else if (At(source, i, "/*"))
            {
                i = EndOf(source, "*/", i + 2);
            }
            else if (source[i] == '\'')
            {
                i = SkipChar(source, i);
            }
            else if (StartsString(source, i))
            {
                var line = 1 + source.AsSpan(0, i).Count('\n');
                literals.Add(new CSharpString(line, Read(source, ref i)));
            }
            else
            {
                i++;
            }
        }

        return literals;
    }

    /// <summary>The file with its comments taken out and its line breaks kept, so prose about code never counts as code.</summary>
    public static string WithoutComments(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var start = i;
            if (At(source, i, "//"))
            {
                i = EndOf(source, "\n", i);
                code.Append('\n');
            }
            else if (At(source, i, "/*"))
            {
                i = EndOf(source, "*/", i + 2);
                code.Append('\n', source.AsSpan(start, i - start).Count('\n'));
            }
            else if (source[i] == '\'')
            {
                i = Math.Min(source.Length, SkipChar(source, i));
                code.Append(source, start, i - start);
            }
            else if (StartsString(source, i))
            {
                Read(source, ref i);
                code.Append(source, start, i - start);
            }
            else
            {
                code.Append(source[i]);
                i++;
            }
        }

        return code.ToString();
    }

    private static bool At(string source, int i, string text) => source.AsSpan(i).StartsWith(text, StringComparison.Ordinal);

    private static int EndOf(string source, string end, int from)
    {
        var found = source.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? source.Length : found + end.Length;
    }

    private static int SkipChar(string source, int i)
    {
        for (i++; i < source.Length && source[i] != '\''; i++)
        {
            if (source[i] == '\\')
            {
                i++;
            }
        }

        return i + 1;
    }

    private static bool StartsString(string source, int i)
    {
        while (i < source.Length && source[i] is '$' or '@')
        {
            i++;
        }

        return i < source.Length && source[i] == '"';
    }

    private static string Read(string source, ref int i)
    {
        var interpolated = false;
        var verbatim = false;
        for (; source[i] != '"'; i++)
        {
            interpolated |= source[i] == '$';
            verbatim |= source[i] == '@';
        }

        var quotes = 0;
        while (i + quotes < source.Length && source[i + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3 && !verbatim)
        {
            // A raw literal ends at the first run of as many quotes as opened it; holes cannot hide one.
            var start = i + quotes;
            var end = source.IndexOf(new string('"', quotes), start, StringComparison.Ordinal);
            end = end < 0 ? source.Length : end;
            i = Math.Min(source.Length, end + quotes);
            return source[start..end];
        }

        return ReadQuoted(source, ref i, interpolated, verbatim);
    }

    private static string ReadQuoted(string source, ref int i, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        var holeDepth = 0;
        for (i++; i < source.Length; i++)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (holeDepth > 0)
            {
                // Inside an interpolation hole: code, which may hold literals of its own.
                if (c == '\'')
                {
                    i = SkipChar(source, i) - 1;
                    continue;
                }

                if (StartsString(source, i))
                {
                    Read(source, ref i);
                    i--;
                    continue;
                }

                holeDepth += c == '{' ? 1 : c == '}' ? -1 : 0;
                text.Append(c);
            }
            else if (verbatim && c == '"' && next == '"')
            {
                text.Append('"');
                i++;
            }
            else if (c == '"')
            {
                i++;
                break;
            }
            else if (!verbatim && c == '\\')
            {
                text.Append(c).Append(next);
                i++;
            }
            else if (interpolated && c == '{' && next == '{')
            {
                text.Append(c);
                i++;
            }
            else
            {
                holeDepth += interpolated && c == '{' ? 1 : 0;
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

using System.Text.RegularExpressions;

namespace Clinic.Architecture.Tests;

/// <summary>A string literal of a module's .cs or .razor file that may hold SQL, with where it starts.</summary>
internal sealed record SqlLiteral(string File, int Line, string Text)
{
    // A literal that opens with a statement's first word is SQL whatever its case; elsewhere only upper-case keywords
    // count, since prose ("received from clients") is not SQL.
    private static readonly Regex Statement = new(
        @"^\s*(?:select|insert|update|delete|with|create|alter|drop|replace)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public bool IsStatement => Statement.IsMatch(Text);

    public IReadOnlyList<TableReference> Tables => SqlTables.In(Text, upperCaseKeywordsOnly: !IsStatement);

    public string Where(int lineWithin = 1) => $"{Path.GetRelativePath(Codebase.Root, File)}:{Line + lineWithin - 1}";
}

internal static class SqlLiterals
{
    // In a .razor file, apostrophes in markup ("the client's") are not C# char literals, so quotes are read plainly.
    private static readonly Regex RazorString = new(
        "(?<raw>\"{3,})(?<text>[\\s\\S]*?)\\k<raw>|\"(?<text>(?:[^\"\\\\\\n]|\\\\.)*)\"", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary>Every string literal in the module's C# and Razor sources, outside bin and obj.</summary>
    public static IEnumerable<SqlLiteral> In(ModuleUnderTest module) =>
        SourceFiles(module.SourceFolder).SelectMany(file =>
        {
            var source = System.IO.File.ReadAllText(file);
            return file.EndsWith(".razor", StringComparison.Ordinal)
                ? RazorString.Matches(source).Select(m => new SqlLiteral(file, 1 + source.AsSpan(0, m.Index).Count('\n'), m.Groups["text"].Value))
                : CSharpStrings.In(source).Select(s => new SqlLiteral(file, s.Line, s.Text));
        });

    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))
            .Where(file => !Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar).Intersect(["bin", "obj"]).Any());
}

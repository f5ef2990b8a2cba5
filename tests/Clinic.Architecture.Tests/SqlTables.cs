using System.Text.RegularExpressions;

namespace Clinic.Architecture.Tests;

/// <summary>A table named in SQL, with the line (1-based, within the text) that names it.</summary>
internal sealed record TableReference(string Table, int Line);

/// <summary>
/// Finds the tables a piece of SQL reads or writes: after FROM, JOIN, INSERT INTO, UPDATE, TABLE, REFERENCES,
/// and INDEX/POLICY/TRIGGER ... ON, plus the argument of clinic_isolate_tenant('...'). It is a finder, not a parser:
/// it errs towards reporting a name, and a name built at run time (an interpolation hole) is reported as it stands.
/// </summary>
internal static class SqlTables
{
    private const string Name = """(?>(?<table>\{[^}]*\}\w*|"?[A-Za-z_][\w$]*"?(?:\."?[A-Za-z_][\w$]*"?)?))""";
    private const string NotACall = @"(?!\s*\()";

    // A parameter (@from, :from) is not a keyword.
    private const string NotAParameter = "(?<![@:])";

    // DISTINCT FROM compares values, and EXTRACT(field FROM column) reads a column.
    private const string From = $@"{NotAParameter}(?<!\bDISTINCT\s+)(?<!\bEXTRACT\s*\(\s*\w+\s+)\bFROM\s+(?:ONLY\s+)?{Name}{NotACall}";

    private static readonly string[] Others =
    [
        $@"{NotAParameter}\bJOIN\s+(?:LATERAL\s+|ONLY\s+)?{Name}{NotACall}",
        $@"{NotAParameter}\b(?:INSERT|REPLACE|MERGE)(?:\s+OR\s+\w+)?\s+INTO\s+{Name}",
        $@"{NotAParameter}\bUPDATE\s+(?:OR\s+\w+\s+)?(?:ONLY\s+)?{Name}",
        $@"{NotAParameter}\bTABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:ONLY\s+)?{Name}",
        $@"\b(?:INDEX|POLICY|TRIGGER)\b[^;]*?\bON\s+(?:ONLY\s+)?{Name}",
        $@"{NotAParameter}\bREFERENCES\s+{Name}",
    ];

    // The further tables of a comma join: "FROM a x, b y".
    private const string CommaJoin = $@"\G(?:\s+(?:AS\s+)?[A-Za-z_]\w*)?\s*,\s*{Name}{NotACall}";

    // Words that follow the keywords above without naming a table (FOR UPDATE SKIP LOCKED, ON CONFLICT DO UPDATE SET...).
    private static readonly HashSet<string> NotTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AS", "CASCADE", "CONFLICT", "DEFAULT", "EXISTS", "IF", "LATERAL", "NOT", "NOWAIT", "NULL", "OF", "ON", "ONLY",
        "RESTRICT", "SELECT", "SET", "SKIP", "TO", "USING", "VALUES", "WHERE",
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly Regex Noise = Compile(@"'(?:[^']|'')*'|--[^\n]*|/\*[\s\S]*?\*/", ignoreCase: false);
    private static readonly Regex Quoted = Compile("'(?:[^']|'')*'", ignoreCase: false);
    private static readonly Regex IsolatedTable = Compile(@"\bclinic_isolate_tenant\s*\(\s*'(?<table>[^']*)'", ignoreCase: true);
    private static readonly Regex CommonTableExpression = Compile(
        @"(?:\bWITH\s+(?:RECURSIVE\s+)?|,\s*)(?<name>[A-Za-z_]\w*)\s*(?:\([^()]*\)\s*)?AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(",
        ignoreCase: true);

    private static readonly Keywords UpperCase = new(ignoreCase: false);
    private static readonly Keywords AnyCase = new(ignoreCase: true);

    /// <param name="sql">The SQL, or a C# literal that may hold some.</param>
    /// <param name="upperCaseKeywordsOnly">True for C# literals, whose prose ("received from clients") is not SQL.</param>
    public static IReadOnlyList<TableReference> In(string sql, bool upperCaseKeywordsOnly)
    {
        // Blank comments, keeping lengths and line breaks so positions still map to lines.
        var code = Noise.Replace(sql, m => m.Value.StartsWith('\'') ? m.Value : Blank(m.Value));
        var found = IsolatedTable.Matches(code).Select(m => m.Groups["table"]).ToList();

        code = Quoted.Replace(code, m => Blank(m.Value));
        var keywords = upperCaseKeywordsOnly ? UpperCase : AnyCase;
        foreach (Match match in keywords.From.Matches(code))
        {
            found.Add(match.Groups["table"]);
            for (var more = keywords.CommaJoin.Match(code, match.Index + match.Length); more.Success; more = more.NextMatch())
            {
                found.Add(more.Groups["table"]);
            }
        }

        found.AddRange(keywords.Others.SelectMany(regex => regex.Matches(code)).Select(m => m.Groups["table"]));

        var commonTables = CommonTableExpression.Matches(code).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return found
            .Select(g => new TableReference(Unqualified(g.Value), 1 + sql.AsSpan(0, g.Index).Count('\n')))
            .Where(t => !NotTables.Contains(t.Table) && !commonTables.Contains(t.Table))
            .DistinctBy(t => (t.Table, t.Line))
            .OrderBy(t => t.Line)
            .ToList();
    }

    private static Regex Compile(string pattern, bool ignoreCase) =>
        new(pattern, RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), Timeout);

    private static string Blank(string text) => new(text.Select(c => c == '\n' ? c : ' ').ToArray());

    private static string Unqualified(string name) => name.StartsWith('{') ? name : name.Split('.')[^1].Trim('"');

    private sealed class Keywords(bool ignoreCase)
    {
        public Regex From { get; } = Compile(SqlTables.From, ignoreCase);

        public Regex CommaJoin { get; } = Compile(SqlTables.CommaJoin, ignoreCase);

        public Regex[] Others { get; } = [.. SqlTables.Others.Select(pattern => Compile(pattern, ignoreCase))];
    }
}

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

    // DISTINCT FROM compares values, and EXTRACT(field FROM column) reads a column.
    private const string From = $@"(?<!\bDISTINCT\s+)(?<!\bEXTRACT\s*\(\s*\w+\s+)\bFROM\s+(?:ONLY\s+)?{Name}{NotACall}";

    private static readonly string[] Others =
    [
        $@"\bJOIN\s+(?:LATERAL\s+|ONLY\s+)?{Name}{NotACall}",
        $@"\b(?:INSERT|REPLACE|MERGE)(?:\s+OR\s+\w+)?\s+INTO\s+{Name}",
        $@"\bUPDATE\s+(?:OR\s+\w+\s+)?(?:ONLY\s+)?{Name}",
        $@"\bTABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:ONLY\s+)?{Name}",
        $@"\b(?:INDEX|POLICY|TRIGGER)\b[^;]*?\bON\s+(?:ONLY\s+)?{Name}",
        $@"\bREFERENCES\s+{Name}",
    ];

    // The further tables of a comma join: "FROM a x, b y".
    private const string CommaJoin = $@"\G(?:\s+(?:AS\s+)?[A-Za-z_]\w*)?\s*,\s*{Name}{NotACall}";

    // Words that follow the keywords above without naming a table (FOR UPDATE SKIP LOCKED, ON CONFLICT DO UPDATE SET...).
    private static readonly HashSet<string> NotTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AS", "CASCADE", "CONFLICT", "DEFAULT", "EXISTS", "IF", "LATERAL", "NOT", "NOWAIT", "NULL", "OF", "ON", "ONLY",
        "RESTRICT", "SELECT", "SET", "SKIP", "TO", "USING", "VALUES", "WHERE",
    };

    private static readonly Regex Noise = new(@"'(?:[^']|'')*'|--[^\n]*|/\*[\s\S]*?\*/", RegexOptions.CultureInvariant);
    private static readonly Regex Quoted = new("'(?:[^']|'')*'", RegexOptions.CultureInvariant);
    private static readonly Regex IsolatedTable = new(@"\bclinic_isolate_tenant\s*\(\s*'(?<table>[^']*)'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex CommonTableExpression = new(
        @"(?:\bWITH\s+(?:RECURSIVE\s+)?|,\s*)(?<name>[A-Za-z_]\w*)\s*(?:\([^()]*\)\s*)?AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <param name="sql">The SQL, or a C# literal that may hold some.</param>
    /// <param name="upperCaseKeywordsOnly">True for C# literals, whose prose ("received from clients") is not SQL.</param>
    public static IReadOnlyList<TableReference> In(string sql, bool upperCaseKeywordsOnly)
    {
        // Blank comments, keeping lengths and line breaks so positions still map to lines.
        var code = Noise.Replace(sql, m => m.Value.StartsWith('\'') ? m.Value : Blank(m.Value));
        var found = IsolatedTable.Matches(code).Select(m => m.Groups["table"]).ToList();

        code = Quoted.Replace(code, m => Blank(m.Value));
        var options = RegexOptions.CultureInvariant | (upperCaseKeywordsOnly ? RegexOptions.None : RegexOptions.IgnoreCase);
        foreach (Match match in Regex.Matches(code, From, options))
        {
            found.Add(match.Groups["table"]);
            found.AddRange(CommaJoined(code, match.Index + match.Length, options));
        }

        found.AddRange(Others.SelectMany(pattern => Regex.Matches(code, pattern, options)).Select(m => m.Groups["table"]));

        var commonTables = CommonTableExpression.Matches(code).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return found
            .Select(g => new TableReference(Unqualified(g.Value), 1 + sql.AsSpan(0, g.Index).Count('\n')))
            .Where(t => !NotTables.Contains(t.Table) && !commonTables.Contains(t.Table))
            .DistinctBy(t => (t.Table, t.Line))
            .OrderBy(t => t.Line)
            .ToList();
    }

    private static IEnumerable<Group> CommaJoined(string code, int at, RegexOptions options)
    {
        var regex = new Regex(CommaJoin, options);
        for (var match = regex.Match(code, at); match.Success; match = regex.Match(code, match.Index + match.Length))
        {
            yield return match.Groups["table"];
        }
    }

    private static string Blank(string text) => Regex.Replace(text, @"[^\n]", " ");

    private static string Unqualified(string name) => name.StartsWith('{') ? name : name.Split('.')[^1].Trim('"');
}

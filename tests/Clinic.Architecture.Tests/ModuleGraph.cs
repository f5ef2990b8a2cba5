using System.Xml.Linq;

namespace Clinic.Architecture.Tests;

/// <summary>One module's project referring to another module's project (its Contracts, as the other tests insist).</summary>
internal sealed record ModuleEdge(string From, string To, string Project, string Reference);

/// <summary>The modules as their project files connect them: module → each module whose Contracts it references.</summary>
internal static class ModuleGraph
{
    private const string Prefix = "Clinic.Modules.";

    /// <summary>Every reference from a project under <c>src/Modules/&lt;Name&gt;</c> to a project of another module.</summary>
    public static IReadOnlyList<ModuleEdge> Read(string modulesFolder) =>
        [.. Directory.EnumerateFiles(modulesFolder, "*.csproj", SearchOption.AllDirectories)
            .Select(project => (Project: project, Module: Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(project)))!))
            .SelectMany(p => XDocument.Load(p.Project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
                .Where(reference => reference.StartsWith(Prefix, StringComparison.Ordinal))
                .Select(reference => new ModuleEdge(p.Module, ModuleOf(reference), Path.GetFileNameWithoutExtension(p.Project), reference)))
            .Where(edge => edge.From != edge.To)
            .OrderBy(edge => edge.From, StringComparer.Ordinal)
            .ThenBy(edge => edge.To, StringComparer.Ordinal)];

    /// <summary>
    /// Each cycle once, as "A -> B -> A" followed by the references that make it, starting from its alphabetically
    /// first module; empty when the graph is acyclic.
    /// </summary>
    public static IReadOnlyList<string> Cycles(IReadOnlyList<ModuleEdge> edges)
    {
        var next = edges.ToLookup(e => e.From, StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<ModuleEdge>();

        void Visit(string module)
        {
            foreach (var edge in next[module].DistinctBy(e => e.To))
            {
                var back = path.FindIndex(e => e.From == edge.To);
                if (back >= 0)
                    found.Add(Describe([.. path.Skip(back), edge], edges));
                else if (!done.Contains(edge.To))
                {
                    path.Add(edge);
                    Visit(edge.To);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        foreach (var module in edges.Select(e => e.From).Distinct().Order(StringComparer.Ordinal))
        {
            Visit(module);
            done.Add(module);
        }

        return [.. found];
    }

    private static string Describe(IReadOnlyList<ModuleEdge> cycle, IReadOnlyList<ModuleEdge> edges)
    {
        var first = cycle.Select((e, i) => (e.From, i)).MinBy(x => x.From, StringComparer.Ordinal).i;
        var ordered = cycle.Skip(first).Concat(cycle.Take(first)).ToList();
        var because = ordered.SelectMany(step => edges.Where(e => e.From == step.From && e.To == step.To)).Select(e => $"{e.Project} references {e.Reference}");
        return $"{string.Join(" -> ", ordered.Select(e => e.From).Append(ordered[0].From))} ({string.Join("; ", because)})";
    }

    private static string ModuleOf(string project) => project[Prefix.Length..].Replace(".Contracts", "", StringComparison.Ordinal);
}
